package org.mbpo4j.env.mujoco;

import java.util.List;
import java.util.Map;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.EnvOption;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code InvertedPendulum-v4} and {@code -v5}: keep a pole upright on a cart. The
 * observation is {@code qpos} and {@code qvel}; rules in {@link InvertedPendulumRules}.
 */
public final class InvertedPendulum extends MujocoEnv {
    private final int version;
    private final double noise;

    private InvertedPendulum(Task task, MjSim sim, EnvKwargs kw, TaskRules rules) {
        super(task.id, sim, task.frameSkip(kw), sim.nq + sim.nv, rules, false);
        this.version = task.version;
        this.noise = version >= 5 ? kw.number("reset_noise_scale") : 0.01;
    }

    @Override
    protected Camera camera() {
        return new Camera(MujocoRenderer.View.SIDE, null, 2.04);
    }

    @Override
    protected void resetNoise(Rng rng, double[] qpos, double[] qvel) {
        addUniform(rng, qpos, noise);
        addUniform(rng, qvel, noise);
    }

    @Override
    protected void observe(double[] obs) {
        sim.getQpos(obs, 0);
        sim.getQvel(obs, sim.nq);
    }

    @Override
    protected void fillRuleRow(double[] obs, double[] row) {
        System.arraycopy(obs, 0, row, 0, obs.length);
    }

    @Override
    protected Map<String, Object> stepInfo(double[] before, double[] action, double[] after, boolean terminated,
                                           double reward) {
        return version >= 5 ? Map.of("reward_survive", reward) : Map.of();
    }

    /** {@code InvertedPendulum-v<version>}. */
    static final class Task extends MujocoTask {
        Task(int version) {
            super("InvertedPendulum-v" + version, version, "inverted_pendulum.xml", 2, false, version >= 5
                    ? List.of(EnvOption.number("reset_noise_scale", 0.01, 0, Double.POSITIVE_INFINITY,
                            "scale of the reset noise"))
                    : List.of());
        }

        @Override
        MujocoEnv build(MjSim sim, EnvKwargs kw) {
            require(sim.nq >= 2, sim, "it needs the cart's and the pole's coordinates (qpos[0:2])");
            return new InvertedPendulum(this, sim, kw, rules(ModelShape.of(sim), kw));
        }

        @Override
        TaskRules rules(ModelShape s, EnvKwargs kw) {
            return new InvertedPendulumRules(obsDim(s, kw), s.nu(), version);
        }

        @Override
        int obsDim(ModelShape s, EnvKwargs kw) {
            return s.nq() + s.nv();
        }
    }
}
