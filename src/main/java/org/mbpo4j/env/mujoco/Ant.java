package org.mbpo4j.env.mujoco;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.EnvOption;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code Ant-v4} and {@code Ant-v5}: a four-legged robot on a free joint. The
 * observation is {@code qpos[2:]} and {@code qvel} (27 values, MBPO's truncated Ant), in v5
 * followed by the external contact forces of every body but the world, clipped to
 * {@code contact_force_range} (105 values); v4 adds those of every body (84) only with
 * {@code use_contact_forces}. Reward and termination are {@link AntRules}.
 */
public final class Ant extends MujocoEnv {
    private final int version;
    private final AntRules rules;
    private final double noise;
    private final int skip;
    private final int mainBody;
    /** First body whose contact forces are observed (v4: 0, v5: 1), or -1 when they are not. */
    private final int observedCfrcFrom;
    private final double forceLow;
    private final double forceHigh;
    private final double contactWeight;
    private final double[] cfrc;
    private final double[] squares;
    private final double[] xy = new double[3];

    private Ant(Task task, MjSim sim, EnvKwargs kw, AntRules rules, boolean contactForces, int observedCfrcFrom) {
        super(task.id, sim, task.frameSkip(kw), rules.obsDim(), rules, contactForces);
        this.version = task.version;
        this.rules = rules;
        this.noise = kw.number("reset_noise_scale");
        this.skip = task.skip(kw);
        this.mainBody = task.version >= 5 ? bodyIndex(sim, kw.body("main_body")) : sim.bodyId("torso");
        this.observedCfrcFrom = observedCfrcFrom;
        double[] range = kw.range("contact_force_range");
        this.forceLow = range[0];
        this.forceHigh = range[1];
        this.contactWeight = kw.number("contact_cost_weight");
        this.cfrc = new double[6 * sim.nbody];
        this.squares = new double[6 * sim.nbody];
    }

    /** v5's {@code main_body}: an index or a name ({@code data.body(main_body)}). */
    static int bodyIndex(MjSim sim, Object body) {
        if (body instanceof Integer i) {
            if (i >= sim.nbody) {
                throw new IllegalArgumentException("main_body " + i + " is not a body of " + sim.file().getFileName()
                        + ", which has bodies 0.." + (sim.nbody - 1));
            }
            return i;
        }
        int id = sim.id(MjSim.OBJ_BODY, (String) body);
        if (id < 0) {
            throw new IllegalArgumentException("main_body '" + body + "' is not a body of " + sim.file().getFileName());
        }
        return id;
    }

    @Override
    protected Camera camera() {
        return new Camera(MujocoRenderer.View.OBLIQUE, "torso", 4.0);
    }

    @Override
    protected void resetNoise(Rng rng, double[] qpos, double[] qvel) {
        addUniform(rng, qpos, noise);
        addGaussian(rng, qvel, noise);
    }

    @Override
    protected void observe(double[] obs) {
        int o = putQposQvel(obs, skip, Double.NaN);
        if (observedCfrcFrom >= 0) {
            sim.cfrcExt(0, cfrc, 0);
            for (int i = 6 * observedCfrcFrom; i < cfrc.length; i++) {
                obs[o++] = Math.max(forceLow, Math.min(forceHigh, cfrc[i]));
            }
        }
    }

    @Override
    protected void fillRuleRow(double[] obs, double[] row) {
        System.arraycopy(obs, 0, row, 0, rules.obsDim());
        sim.xpos(mainBody, xy, 0);
        row[rules.trackedX()] = xy[0];
        row[rules.trackedX() + 1] = xy[1];
        double cost = 0;
        if (version >= 5 || observedCfrcFrom >= 0) {
            if (observedCfrcFrom < 0) {
                sim.cfrcExt(0, cfrc, 0); // observe() read them already where they are observed
            }
            cost = AntRules.contactCost(contactWeight, cfrc, forceLow, forceHigh, squares);
        }
        row[rules.contactCostIndex()] = cost;
    }

    @Override
    protected Map<String, Object> resetInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        if (version >= 5) {
            putPosition(info, sim.qpos(0), sim.qpos(1));
        }
        return info;
    }

    @Override
    protected Map<String, Object> stepInfo(double[] before, double[] action, double[] after, boolean terminated,
                                           double reward) {
        Map<String, Object> info = new LinkedHashMap<>();
        double vx = rules.velocity(before, 0, after, 0, 0);
        double vy = rules.velocity(before, 0, after, 0, 1);
        double forward = rules.forwardReward(before, 0, after, 0);
        double ctrl = rules.controlCost(action, 0);
        double contact = rules.contactCost(after, 0);
        double healthy = rules.healthyReward(after, 0);
        if (version < 5) {
            double x = after[rules.trackedX()];
            double y = after[rules.trackedX() + 1];
            info.put("reward_forward", forward);
            // Gymnasium's v4 reports the contact cost as reward_ctrl when it uses contact forces.
            info.put("reward_ctrl", observedCfrcFrom >= 0 ? -contact : -ctrl);
            info.put("reward_survive", healthy);
            putPosition(info, x, y);
            info.put("x_velocity", vx);
            info.put("y_velocity", vy);
            info.put("forward_reward", forward);
        } else {
            putPosition(info, sim.qpos(0), sim.qpos(1));
            info.put("x_velocity", vx);
            info.put("y_velocity", vy);
            info.put("reward_forward", forward);
            info.put("reward_ctrl", -ctrl);
            info.put("reward_contact", -contact);
            info.put("reward_survive", healthy);
        }
        return info;
    }

    /** {@code Ant-v<version>} with Gymnasium's constructor options. */
    static final class Task extends MujocoTask {
        Task(int version) {
            super("Ant-v" + version, version, "ant.xml", 5, true, options(version));
        }

        private static List<EnvOption> options(int version) {
            double inf = Double.POSITIVE_INFINITY;
            List<EnvOption> o = new ArrayList<>();
            if (version >= 5) {
                o.add(EnvOption.number("forward_reward_weight", 1, -inf, inf, "weight of the forward velocity reward"));
            }
            o.add(EnvOption.number("ctrl_cost_weight", 0.5, 0, inf, "weight of the control cost"));
            if (version < 5) {
                o.add(EnvOption.bool("use_contact_forces", false,
                        "observe every body's clipped contact forces and subtract the contact cost"));
            }
            o.add(EnvOption.number("contact_cost_weight", 5e-4, 0, inf, "weight of the contact cost"));
            o.add(EnvOption.number("healthy_reward", 1.0, -inf, inf, "reward per step while healthy"));
            if (version >= 5) {
                o.add(EnvOption.body("main_body", 1, "the body whose x velocity is rewarded (index or name)"));
            }
            o.add(EnvOption.bool("terminate_when_unhealthy", true, "end the episode when unhealthy"));
            o.add(EnvOption.range("healthy_z_range", 0.2, 1.0, -inf, inf, "closed range of the torso height"));
            o.add(EnvOption.range("contact_force_range", -1.0, 1.0, -inf, inf, "clip range of the contact forces"));
            o.add(EnvOption.number("reset_noise_scale", 0.1, 0, inf, "scale of the reset noise"));
            o.add(EnvOption.bool(EXCLUDE, true,
                    "leave the x and y positions out of the observation"));
            if (version >= 5) {
                o.add(EnvOption.bool("include_cfrc_ext_in_observation", true,
                        "observe the clipped contact forces of every body but the world"));
            }
            return o;
        }

        int skip(EnvKwargs kw) {
            return MujocoTask.skip(kw, 2);
        }

        /** First body whose contact forces are observed, or -1. */
        int observedCfrcFrom(EnvKwargs kw) {
            if (version < 5) {
                return kw.bool("use_contact_forces") ? 0 : -1;
            }
            return kw.bool("include_cfrc_ext_in_observation") ? 1 : -1;
        }

        @Override
        MujocoEnv build(MjSim sim, EnvKwargs kw) {
            require(sim.nq >= 3, sim, "it needs a free joint's x, y and z (qpos[0:3])");
            int from = observedCfrcFrom(kw);
            return new Ant(this, sim, kw, rules(ModelShape.of(sim), kw), version >= 5 || from >= 0, from);
        }

        @Override
        AntRules rules(ModelShape s, EnvKwargs kw) {
            boolean contactCost = version >= 5 || kw.bool("use_contact_forces");
            return new AntRules(new AntRules.Params(s.nq(), s.nv(), s.nu(), obsDim(s, kw), skip(kw), version,
                    dt(s, kw), version >= 5 ? kw.number("forward_reward_weight") : 1, kw.number("ctrl_cost_weight"),
                    kw.number("healthy_reward"), kw.bool("terminate_when_unhealthy"), kw.range("healthy_z_range"),
                    contactCost));
        }

        @Override
        int obsDim(ModelShape s, EnvKwargs kw) {
            int from = observedCfrcFrom(kw);
            return s.nq() - skip(kw) + s.nv() + (from < 0 ? 0 : 6 * (s.nbody() - from));
        }
    }
}
