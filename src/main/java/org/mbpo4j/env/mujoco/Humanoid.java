package org.mbpo4j.env.mujoco;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.EnvOption;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code Humanoid-v4} and {@code Humanoid-v5}: a 3D biped on a free joint. The
 * observation is {@code qpos[2:]}, {@code qvel}, then the bodies' inertias ({@code cinert}),
 * velocities ({@code cvel}), the actuator forces ({@code qfrc_actuator}) and external contact
 * forces ({@code cfrc_ext}): v4 of every body and dof (376 values), v5 without the world body
 * and the free joint's six dofs (348), each part switchable in v5. With the four
 * {@code include_*_in_observation} options off, Humanoid-v5 gives MBPO's 45-value truncated
 * observation. Reward and termination are {@link HumanoidRules}.
 */
public final class Humanoid extends MujocoEnv {
    private final int version;
    private final HumanoidRules rules;
    private final double noise;
    private final int skip;
    private final boolean cinert;
    private final boolean cvel;
    private final boolean qfrcActuator;
    private final boolean cfrcExt;
    private final double contactWeight;
    private final double[] contactRange;
    private final double[] mass;
    private final double massSum;
    private final double[] xipos;
    private final double[] com = new double[2];
    private final double[] forces;
    private final double[] squares;

    private Humanoid(Task task, MjSim sim, EnvKwargs kw, HumanoidRules rules) {
        // v4 observes cfrc_ext, v5 subtracts a contact cost from it: both need mj_rnePostConstraint
        super(task.id, sim, task.frameSkip(kw), rules.obsDim(), rules, true);
        this.version = task.version;
        this.rules = rules;
        this.noise = kw.number("reset_noise_scale");
        this.skip = task.skip(kw);
        this.cinert = task.include(kw, "include_cinert_in_observation");
        this.cvel = task.include(kw, "include_cvel_in_observation");
        this.qfrcActuator = task.include(kw, "include_qfrc_actuator_in_observation");
        this.cfrcExt = task.include(kw, "include_cfrc_ext_in_observation");
        this.contactWeight = version >= 5 ? kw.number("contact_cost_weight") : 0;
        this.contactRange = version >= 5 ? kw.range("contact_cost_range") : null;
        this.mass = sim.bodyMass();
        this.massSum = NumpySums.sum(mass, 0, mass.length);
        this.xipos = new double[3 * sim.nbody];
        this.forces = new double[6 * sim.nbody];
        this.squares = new double[6 * sim.nbody];
    }

    @Override
    protected Camera camera() {
        return new Camera(MujocoRenderer.View.OBLIQUE, "torso", 4.0);
    }

    @Override
    protected void resetNoise(Rng rng, double[] qpos, double[] qvel) {
        addUniform(rng, qpos, noise);
        addUniform(rng, qvel, noise);
    }

    @Override
    protected void observe(double[] obs) {
        int o = putQposQvel(obs, skip, Double.NaN);
        int firstBody = version >= 5 ? 1 : 0;
        if (cinert) {
            sim.cinert(firstBody, obs, o);
            o += 10 * (sim.nbody - firstBody);
        }
        if (cvel) {
            sim.cvel(firstBody, obs, o);
            o += 6 * (sim.nbody - firstBody);
        }
        if (qfrcActuator) {
            int firstDof = version >= 5 ? 6 : 0;
            sim.qfrcActuator(firstDof, obs, o);
            o += sim.nv - firstDof;
        }
        if (cfrcExt) {
            sim.cfrcExt(firstBody, obs, o);
        }
    }

    @Override
    protected void fillRuleRow(double[] obs, double[] row) {
        System.arraycopy(obs, 0, row, 0, rules.obsDim());
        sim.xipos(xipos);
        HumanoidRules.massCenter(mass, massSum, xipos, com);
        row[rules.trackedX()] = com[0];
        row[rules.trackedX() + 1] = com[1];
        double cost = 0;
        if (version >= 5) {
            sim.cfrcExt(0, forces, 0);
            cost = HumanoidRules.contactCost(contactWeight, contactRange, forces, squares);
        }
        row[rules.contactCostIndex()] = cost;
    }

    private double[] tendons(boolean lengths) {
        double[] t = new double[sim.ntendon];
        if (lengths) {
            sim.tenLength(t);
        } else {
            sim.tenVelocity(t);
        }
        return t;
    }

    @Override
    protected Map<String, Object> resetInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        if (version >= 5) {
            info.put("x_position", sim.qpos(0));
            info.put("y_position", sim.qpos(1));
            info.put("tendon_length", tendons(true));
            info.put("tendon_velocity", tendons(false));
            info.put("distance_from_origin", NumpySums.norm(sim.qpos(0), sim.qpos(1)));
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
        double healthy = rules.healthyReward(after, 0);
        if (version < 5) {
            double x = after[rules.trackedX()];
            double y = after[rules.trackedX() + 1];
            info.put("reward_linvel", forward);
            info.put("reward_quadctrl", -ctrl);
            info.put("reward_alive", healthy);
            putPosition(info, x, y);
            info.put("x_velocity", vx);
            info.put("y_velocity", vy);
            info.put("forward_reward", forward);
        } else {
            info.put("x_position", sim.qpos(0));
            info.put("y_position", sim.qpos(1));
            info.put("tendon_length", tendons(true));
            info.put("tendon_velocity", tendons(false));
            info.put("distance_from_origin", NumpySums.norm(sim.qpos(0), sim.qpos(1)));
            info.put("x_velocity", vx);
            info.put("y_velocity", vy);
            info.put("reward_survive", healthy);
            info.put("reward_forward", forward);
            info.put("reward_ctrl", -ctrl);
            info.put("reward_contact", -rules.contactCost(after, 0));
        }
        return info;
    }

    /** {@code Humanoid-v<version>} with Gymnasium's constructor options. */
    static final class Task extends MujocoTask {
        private static final List<String> INCLUDES = List.of("include_cinert_in_observation",
                "include_cvel_in_observation", "include_qfrc_actuator_in_observation", "include_cfrc_ext_in_observation");

        Task(int version) {
            super("Humanoid-v" + version, version, "humanoid.xml", 5, false, options(version));
        }

        private static List<EnvOption> options(int version) {
            double inf = Double.POSITIVE_INFINITY;
            List<EnvOption> o = new ArrayList<>();
            o.add(EnvOption.number("forward_reward_weight", 1.25, -inf, inf, "weight of the forward velocity reward"));
            o.add(EnvOption.number("ctrl_cost_weight", 0.1, 0, inf, "weight of the control cost"));
            if (version >= 5) {
                o.add(EnvOption.number("contact_cost_weight", 5e-7, 0, inf, "weight of the contact cost"));
                o.add(EnvOption.range("contact_cost_range", Double.NEGATIVE_INFINITY, 10.0, -inf, inf,
                        "clip range of the contact cost"));
            }
            o.add(EnvOption.number("healthy_reward", 5.0, -inf, inf, "reward per step while healthy"));
            o.add(EnvOption.bool("terminate_when_unhealthy", true, "end the episode when unhealthy"));
            o.add(EnvOption.range("healthy_z_range", 1.0, 2.0, -inf, inf, "open range of the torso height"));
            o.add(EnvOption.number("reset_noise_scale", 1e-2, 0, inf, "scale of the reset noise"));
            o.add(EnvOption.bool(EXCLUDE, true,
                    "leave the x and y positions out of the observation"));
            if (version >= 5) {
                o.add(EnvOption.bool(INCLUDES.get(0), true, "observe the bodies' inertias (cinert)"));
                o.add(EnvOption.bool(INCLUDES.get(1), true, "observe the bodies' velocities (cvel)"));
                o.add(EnvOption.bool(INCLUDES.get(2), true, "observe the actuator forces (qfrc_actuator)"));
                o.add(EnvOption.bool(INCLUDES.get(3), true, "observe the external contact forces (cfrc_ext)"));
            }
            return o;
        }

        int skip(EnvKwargs kw) {
            return MujocoTask.skip(kw, 2);
        }

        /** Whether a part is observed: always in v4, per option in v5. */
        boolean include(EnvKwargs kw, String option) {
            return version < 5 || kw.bool(option);
        }

        @Override
        MujocoEnv build(MjSim sim, EnvKwargs kw) {
            require(sim.nq >= 3 && sim.nv >= 6, sim, "it needs a free joint (qpos[0:3], and the six dofs v5 leaves"
                    + " out of qfrc_actuator)");
            return new Humanoid(this, sim, kw, rules(ModelShape.of(sim), kw));
        }

        @Override
        HumanoidRules rules(ModelShape s, EnvKwargs kw) {
            return new HumanoidRules(new HumanoidRules.Params(s.nq(), s.nv(), s.nu(), obsDim(s, kw), skip(kw), version,
                    dt(s, kw), kw.number("forward_reward_weight"), kw.number("ctrl_cost_weight"),
                    kw.number("healthy_reward"), kw.bool("terminate_when_unhealthy"), kw.range("healthy_z_range")));
        }

        @Override
        int obsDim(ModelShape s, EnvKwargs kw) {
            int bodies = version >= 5 ? s.nbody() - 1 : s.nbody();
            int dofs = version >= 5 ? s.nv() - 6 : s.nv();
            return s.nq() - skip(kw) + s.nv() + (include(kw, INCLUDES.get(0)) ? 10 * bodies : 0)
                    + (include(kw, INCLUDES.get(1)) ? 6 * bodies : 0) + (include(kw, INCLUDES.get(2)) ? dofs : 0)
                    + (include(kw, INCLUDES.get(3)) ? 6 * bodies : 0);
        }
    }
}
