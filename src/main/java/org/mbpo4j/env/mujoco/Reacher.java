package org.mbpo4j.env.mujoco;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.EnvOption;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code Reacher-v4} and {@code -v5}: move a two-joint arm's fingertip to a random
 * target. Observation: {@code cos} and {@code sin} of the arm angles, the target's position, the
 * arm's velocities, and fingertip minus target (v4: x, y, z; v5: x, y). Rules in
 * {@link ReacherRules}; the registry's time limit is 50 steps.
 */
public final class Reacher extends MujocoEnv {
    /** The target is drawn uniformly in this square until it lies strictly inside the disc of this radius. */
    static final double GOAL_RANGE = 0.2;

    private final int version;
    private final ReacherRules rules;
    private final int fingertip;
    private final int target;
    private final double[] a = new double[3];
    private final double[] b = new double[3];

    private Reacher(Task task, MjSim sim, EnvKwargs kw, ReacherRules rules) {
        super(task.id, sim, task.frameSkip(kw), rules.obsDim(), rules, false);
        this.version = task.version;
        this.rules = rules;
        this.fingertip = sim.bodyId("fingertip");
        this.target = sim.bodyId("target");
    }

    /**
     * Gymnasium's order: arm and target positions uniform in +-0.1 around qpos0, then target
     * draws until one lies inside the disc (it replaces the last two positions), then velocities
     * uniform in +-0.005 with the target's set to 0.
     */
    @Override
    protected Camera camera() {
        return new Camera(MujocoRenderer.View.TOP, null, 1.0);
    }

    @Override
    protected void resetNoise(Rng rng, double[] qpos, double[] qvel) {
        for (int i = 0; i < qpos.length; i++) {
            qpos[i] = rng.uniform(-0.1, 0.1) + qpos[i];
        }
        double gx;
        double gy;
        do {
            gx = rng.uniform(-GOAL_RANGE, GOAL_RANGE);
            gy = rng.uniform(-GOAL_RANGE, GOAL_RANGE);
        } while (!(NumpySums.norm(gx, gy) < GOAL_RANGE));
        qpos[qpos.length - 2] = gx;
        qpos[qpos.length - 1] = gy;
        for (int i = 0; i < qvel.length; i++) {
            qvel[i] += rng.uniform(-0.005, 0.005);
        }
        qvel[qvel.length - 2] = 0;
        qvel[qvel.length - 1] = 0;
    }

    @Override
    protected void observe(double[] obs) {
        int o = 0;
        obs[o++] = Math.cos(sim.qpos(0));
        obs[o++] = Math.cos(sim.qpos(1));
        obs[o++] = Math.sin(sim.qpos(0));
        obs[o++] = Math.sin(sim.qpos(1));
        for (int k = 2; k < sim.nq; k++) {
            obs[o++] = sim.qpos(k);
        }
        obs[o++] = sim.qvel(0);
        obs[o++] = sim.qvel(1);
        sim.xpos(fingertip, a, 0);
        sim.xpos(target, b, 0);
        int dims = version >= 5 ? 2 : 3;
        for (int k = 0; k < dims; k++) {
            obs[o++] = a[k] - b[k];
        }
    }

    @Override
    protected void fillRuleRow(double[] obs, double[] row) {
        System.arraycopy(obs, 0, row, 0, rules.obsDim());
        if (version >= 5) {
            row[rules.obsDim()] = a[2] - b[2];
        }
    }

    @Override
    protected Map<String, Object> stepInfo(double[] before, double[] action, double[] after, boolean terminated,
                                           double reward) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("reward_dist", rules.distReward(before, 0, after, 0));
        info.put("reward_ctrl", rules.controlReward(action, 0));
        return info;
    }

    /** {@code Reacher-v<version>}. */
    static final class Task extends MujocoTask {
        Task(int version) {
            super("Reacher-v" + version, version, "reacher.xml", 2, false, version >= 5 ? List.of(
                    EnvOption.number("reward_dist_weight", 1, 0, Double.POSITIVE_INFINITY, "weight of the distance reward"),
                    EnvOption.number("reward_control_weight", 1, 0, Double.POSITIVE_INFINITY,
                            "weight of the control reward")) : List.of());
        }

        @Override
        MujocoEnv build(MjSim sim, EnvKwargs kw) {
            require(sim.nq >= 4 && sim.nv >= 2, sim, "it needs two arm joints and the target's x and y (nq >= 4)");
            return new Reacher(this, sim, kw, rules(ModelShape.of(sim), kw));
        }

        @Override
        ReacherRules rules(ModelShape s, EnvKwargs kw) {
            return new ReacherRules(obsDim(s, kw), s.nu(), version, version >= 5 ? kw.number("reward_dist_weight") : 1,
                    version >= 5 ? kw.number("reward_control_weight") : 1);
        }

        @Override
        int obsDim(ModelShape s, EnvKwargs kw) {
            return 4 + (s.nq() - 2) + 2 + (version >= 5 ? 2 : 3);
        }
    }
}
