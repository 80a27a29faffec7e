package org.mbpo4j.env.mujoco;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.EnvOption;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's planar runners on MuJoCo: {@code Hopper}, {@code Walker2d}, {@code HalfCheetah} and
 * {@code Swimmer}, each {@code -v4} and {@code -v5}. The observation is {@code qpos} without its
 * first {@code skip} entries (the x position; for Swimmer x and y) followed by {@code qvel}, which
 * Hopper and Walker2d clip to +-10. Reward and termination are {@link LocomotionRules}.
 */
public final class Locomotion extends MujocoEnv {

    /** The four tasks and what differs between them. */
    enum Kind {
        HOPPER("Hopper", "hopper.xml", "hopper.xml", 4, 1, 10, false, 0.005, 1e-3),
        WALKER2D("Walker2d", "walker2d.xml", "walker2d_v5.xml", 4, 1, 10, false, 0.005, 1e-3),
        HALF_CHEETAH("HalfCheetah", "half_cheetah.xml", "half_cheetah.xml", 5, 1, Double.NaN, true, 0.1, 0.1),
        SWIMMER("Swimmer", "swimmer.xml", "swimmer.xml", 4, 2, Double.NaN, false, 0.1, 1e-4);

        final String name;
        final String xmlV4;
        final String xmlV5;
        final int frameSkip;
        final int excluded;
        final double velocityClip;
        final boolean gaussianVelocityNoise;
        final double resetNoise;
        final double ctrlWeight;

        Kind(String name, String xmlV4, String xmlV5, int frameSkip, int excluded, double velocityClip,
             boolean gaussianVelocityNoise, double resetNoise, double ctrlWeight) {
            this.name = name;
            this.xmlV4 = xmlV4;
            this.xmlV5 = xmlV5;
            this.frameSkip = frameSkip;
            this.excluded = excluded;
            this.velocityClip = velocityClip;
            this.gaussianVelocityNoise = gaussianVelocityNoise;
            this.resetNoise = resetNoise;
            this.ctrlWeight = ctrlWeight;
        }

        boolean hasHealth() {
            return this == HOPPER || this == WALKER2D;
        }
    }

    private final Kind kind;
    private final int version;
    private final LocomotionRules rules;
    private final double noise;
    private final int skip;

    private Locomotion(Task task, MjSim sim, EnvKwargs kw, LocomotionRules rules) {
        super(task.id, sim, task.frameSkip(kw), rules.obsDim(), rules, false);
        this.kind = task.kind;
        this.version = task.version;
        this.rules = rules;
        this.noise = kw.number("reset_noise_scale");
        this.skip = rules.params().skip();
    }

    /** Gymnasium's camera distances; Swimmer, which moves in a plane, from the top. */
    @Override
    protected Camera camera() {
        return switch (kind) {
            case HOPPER -> new Camera(MujocoRenderer.View.SIDE, "torso", 3.0);
            case WALKER2D, HALF_CHEETAH -> new Camera(MujocoRenderer.View.SIDE, "torso", 4.0);
            case SWIMMER -> new Camera(MujocoRenderer.View.TOP, "torso", 5.5);
        };
    }

    @Override
    protected void resetNoise(Rng rng, double[] qpos, double[] qvel) {
        addUniform(rng, qpos, noise);
        if (kind.gaussianVelocityNoise) {
            addGaussian(rng, qvel, noise);
        } else {
            addUniform(rng, qvel, noise);
        }
    }

    @Override
    protected void observe(double[] obs) {
        putQposQvel(obs, skip, kind.velocityClip);
    }

    /** The observation without Hopper's and Walker2d's velocity clip, then the excluded positions. */
    @Override
    protected void fillRuleRow(double[] obs, double[] row) {
        int o = putQposQvel(row, skip, Double.NaN);
        for (int k = 0; k < skip; k++) {
            row[o + k] = sim.qpos(k);
        }
    }

    @Override
    protected Map<String, Object> resetInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        if (version < 5) {
            return info;
        }
        if (kind == Kind.SWIMMER) {
            putPosition(info, sim.qpos(0), sim.qpos(1));
            return info;
        }
        info.put("x_position", sim.qpos(0));
        if (kind.hasHealth()) {
            info.put("z_distance_from_origin", sim.qpos(1) - initQpos[1]);
        }
        return info;
    }

    @Override
    protected Map<String, Object> stepInfo(double[] before, double[] action, double[] after, boolean terminated,
                                           double reward) {
        Map<String, Object> info = new LinkedHashMap<>();
        double xVelocity = rules.xVelocity(before, 0, after, 0);
        double forward = rules.forwardReward(before, 0, after, 0);
        double ctrl = rules.controlCost(action, 0);
        double x = after[rules.qposIndex(0)];
        switch (kind) {
            case HOPPER, WALKER2D -> {
                info.put("x_position", x);
                if (version >= 5) {
                    info.put("z_distance_from_origin", after[rules.qposIndex(1)] - initQpos[1]);
                }
                info.put("x_velocity", xVelocity);
                if (version >= 5) {
                    info.put("reward_forward", forward);
                    info.put("reward_ctrl", -ctrl);
                    info.put("reward_survive", rules.healthyReward(after, 0));
                }
            }
            case HALF_CHEETAH -> {
                info.put("x_position", x);
                info.put("x_velocity", xVelocity);
                info.put(version >= 5 ? "reward_forward" : "reward_run", forward);
                info.put("reward_ctrl", -ctrl);
            }
            case SWIMMER -> {
                double y = after[rules.qposIndex(1)];
                double yVelocity = (y - before[rules.qposIndex(1)]) / dt;
                if (version < 5) {
                    info.put("reward_fwd", forward);
                    info.put("reward_ctrl", -ctrl);
                }
                putPosition(info, x, y);
                info.put("x_velocity", xVelocity);
                info.put("y_velocity", yVelocity);
                if (version < 5) {
                    info.put("forward_reward", forward);
                } else {
                    info.put("reward_forward", forward);
                    info.put("reward_ctrl", -ctrl);
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return info;
    }

    // ---- the registry's side ------------------------------------------------------------------

    /** {@code <Kind>-v<version>} with Gymnasium's constructor options. */
    static final class Task extends MujocoTask {
        final Kind kind;

        Task(Kind kind, int version) {
            super(kind.name + "-v" + version, version, version >= 5 ? kind.xmlV5 : kind.xmlV4, kind.frameSkip, false,
                    options(kind));
            this.kind = kind;
        }

        private static List<EnvOption> options(Kind kind) {
            List<EnvOption> o = new ArrayList<>();
            double inf = Double.POSITIVE_INFINITY;
            o.add(EnvOption.number("forward_reward_weight", 1.0, -inf, inf, "weight of the forward velocity reward"));
            o.add(EnvOption.number("ctrl_cost_weight", kind.ctrlWeight, 0, inf, "weight of the control cost"));
            if (kind.hasHealth()) {
                o.add(EnvOption.number("healthy_reward", 1.0, -inf, inf, "reward per step while healthy"));
                o.add(EnvOption.bool("terminate_when_unhealthy", true, "end the episode when unhealthy"));
                if (kind == Kind.HOPPER) {
                    o.add(EnvOption.range("healthy_state_range", -100, 100, -inf, inf,
                            "open range of qpos[2:] and qvel while healthy"));
                    o.add(EnvOption.range("healthy_z_range", 0.7, inf, -inf, inf, "open range of the torso height"));
                    o.add(EnvOption.range("healthy_angle_range", -0.2, 0.2, -inf, inf, "open range of the torso angle"));
                } else {
                    o.add(EnvOption.range("healthy_z_range", 0.8, 2.0, -inf, inf, "open range of the torso height"));
                    o.add(EnvOption.range("healthy_angle_range", -1.0, 1.0, -inf, inf, "open range of the torso angle"));
                }
            }
            o.add(EnvOption.number("reset_noise_scale", kind.resetNoise, 0, inf, "scale of the reset noise"));
            o.add(EnvOption.bool(EXCLUDE, true,
                    "leave the x position" + (kind == Kind.SWIMMER ? " and y position" : "") + " out of the observation"));
            return o;
        }

        int skip(EnvKwargs kw) {
            return MujocoTask.skip(kw, kind.excluded);
        }

        @Override
        MujocoEnv build(MjSim sim, EnvKwargs kw) {
            int needed = kind.hasHealth() ? 3 : kind.excluded + 1;
            require(sim.nq >= needed && sim.nq > skip(kw), sim, "it needs at least " + needed + " position coordinates");
            return new Locomotion(this, sim, kw, rules(ModelShape.of(sim), kw));
        }

        @Override
        LocomotionRules rules(ModelShape s, EnvKwargs kw) {
            LocomotionRules.Health health = null;
            double healthyReward = 0;
            boolean terminate = false;
            if (kind.hasHealth()) {
                health = new LocomotionRules.Health(kw.range("healthy_z_range"), kw.range("healthy_angle_range"),
                        kind == Kind.HOPPER ? kw.range("healthy_state_range") : null);
                healthyReward = kw.number("healthy_reward");
                terminate = kw.bool("terminate_when_unhealthy");
            }
            return new LocomotionRules(new LocomotionRules.Params(s.nq(), s.nv(), s.nu(), skip(kw), dt(s, kw),
                    kw.number("forward_reward_weight"), kw.number("ctrl_cost_weight"), health, healthyReward, terminate,
                    version >= 5, kind.velocityClip));
        }

        @Override
        int obsDim(ModelShape s, EnvKwargs kw) {
            return s.nq() - skip(kw) + s.nv();
        }
    }
}
