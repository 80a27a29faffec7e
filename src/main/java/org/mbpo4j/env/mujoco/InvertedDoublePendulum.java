package org.mbpo4j.env.mujoco;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.EnvOption;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code InvertedDoublePendulum-v4} and {@code -v5}: keep two linked poles upright
 * on a cart. The observation is {@code qpos[0]}, the sines and cosines of the hinge angles, and
 * {@code qvel} and {@code qfrc_constraint} clipped to +-10 (v5 keeps only the first constraint
 * force: 9 values instead of 11). Rules in {@link InvertedDoublePendulumRules}.
 */
public final class InvertedDoublePendulum extends MujocoEnv {
    private final int version;
    private final InvertedDoublePendulumRules rules;
    private final double noise;
    private final int tipSite;
    private final int constraintForces;
    private final double[] qfrc;
    private final double[] tip = new double[3];

    private InvertedDoublePendulum(Task task, MjSim sim, EnvKwargs kw, InvertedDoublePendulumRules rules) {
        super(task.id, sim, task.frameSkip(kw), rules.obsDim(), rules, false);
        this.version = task.version;
        this.rules = rules;
        this.noise = version >= 5 ? kw.number("reset_noise_scale") : 0.1;
        this.tipSite = 0;
        this.constraintForces = version >= 5 ? 1 : sim.nv;
        this.qfrc = new double[sim.nv];
    }

    @Override
    protected Camera camera() {
        return new Camera(MujocoRenderer.View.SIDE, null, 4.1225);
    }

    @Override
    protected void resetNoise(Rng rng, double[] qpos, double[] qvel) {
        addUniform(rng, qpos, noise);
        addGaussian(rng, qvel, noise);
    }

    private void rawObservation(double[] out, boolean clip) {
        int o = 0;
        out[o++] = sim.qpos(0);
        for (int k = 1; k < sim.nq; k++) {
            out[o++] = Math.sin(sim.qpos(k));
        }
        for (int k = 1; k < sim.nq; k++) {
            out[o++] = Math.cos(sim.qpos(k));
        }
        for (int k = 0; k < sim.nv; k++) {
            out[o++] = clip ? clip10(sim.qvel(k)) : sim.qvel(k);
        }
        sim.qfrcConstraint(0, qfrc, 0);
        for (int k = 0; k < constraintForces; k++) {
            out[o++] = clip ? clip10(qfrc[k]) : qfrc[k];
        }
    }

    private static double clip10(double v) {
        return Math.max(-10, Math.min(10, v));
    }

    @Override
    protected void observe(double[] obs) {
        rawObservation(obs, true);
    }

    @Override
    protected void fillRuleRow(double[] obs, double[] row) {
        rawObservation(row, false);
        sim.siteXpos(tipSite, tip, 0);
        row[rules.tipX()] = tip[0];
        row[rules.tipX() + 1] = tip[2];
    }

    @Override
    protected Map<String, Object> stepInfo(double[] before, double[] action, double[] after, boolean terminated,
                                           double reward) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (version >= 5) {
            info.put("reward_survive", rules.aliveBonus(terminated));
            info.put("distance_penalty", -rules.distancePenalty(after, 0));
            info.put("velocity_penalty", -rules.velocityPenalty(after, 0));
        }
        return info;
    }

    /** {@code InvertedDoublePendulum-v<version>}. */
    static final class Task extends MujocoTask {
        Task(int version) {
            super("InvertedDoublePendulum-v" + version, version, "inverted_double_pendulum.xml", 5, false,
                    version >= 5 ? List.of(
                            EnvOption.number("healthy_reward", 10.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                                    "alive bonus per step that does not terminate"),
                            EnvOption.number("reset_noise_scale", 0.1, 0, Double.POSITIVE_INFINITY,
                                    "scale of the reset noise"))
                            : List.of());
        }

        @Override
        MujocoEnv build(MjSim sim, EnvKwargs kw) {
            require(sim.nq == 3 && sim.nv == 3 && sim.nsite >= 1, sim, "its rules need a cart and two hinges"
                    + " (nq = nv = 3) and the tip as site 0");
            return new InvertedDoublePendulum(this, sim, kw, rules(ModelShape.of(sim), kw));
        }

        @Override
        InvertedDoublePendulumRules rules(ModelShape s, EnvKwargs kw) {
            return new InvertedDoublePendulumRules(obsDim(s, kw), s.nu(), version,
                    version >= 5 ? kw.number("healthy_reward") : 10);
        }

        @Override
        int obsDim(ModelShape s, EnvKwargs kw) {
            return 1 + 2 * (s.nq() - 1) + s.nv() + (version >= 5 ? 1 : s.nv());
        }
    }
}
