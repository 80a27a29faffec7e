package org.mbpo4j.env.mujoco;

import java.util.Arrays;

/**
 * The start-up check of a freshly bound library (see {@link MujocoLibrary}): a wrong memory
 * layout shows as wrong sizes, a {@code qpos} that is not {@code qpos0} after a reset, or a
 * {@code time} that does not advance by the timestep.
 */
final class StartupCheck {
    private StartupCheck() {
    }

    static void run(MujocoLibrary lib) {
        String what = "MuJoCo " + lib.version() + " at " + lib.path();
        try (MjSim sim = MjSim.loadAsIs(lib, MjcfFiles.path("inverted_pendulum.xml"))) {
            // inverted_pendulum.xml: a slider and a hinge, one motor, world + cart + pole, timestep 0.02
            int[] sizes = {sim.nq, sim.nv, sim.nu, sim.na, sim.nbody};
            if (!Arrays.equals(sizes, new int[] {2, 2, 1, 0, 3}) || sim.timestep != 0.02) {
                throw new MujocoUnavailableException(what + " failed the start-up check: inverted_pendulum.xml reads"
                        + " nq, nv, nu, na, nbody = " + Arrays.toString(sizes) + " and timestep " + sim.timestep
                        + " instead of [2, 2, 1, 0, 3] and 0.02, so its memory layout is not the one of version "
                        + lib.version());
            }
            sim.resetData();
            double[] qpos = new double[sim.nq];
            sim.getQpos(qpos, 0);
            if (!Arrays.equals(qpos, sim.qpos0())) {
                throw new MujocoUnavailableException(what + " failed the start-up check: qpos after mj_resetData is "
                        + Arrays.toString(qpos) + ", not qpos0 " + Arrays.toString(sim.qpos0()));
            }
            double t0 = sim.time();
            sim.step(1);
            double dt = sim.time() - t0;
            if (t0 != 0 || dt != sim.timestep) {
                throw new MujocoUnavailableException(what + " failed the start-up check: one mj_step moved time from "
                        + t0 + " by " + dt + " instead of from 0 by the timestep " + sim.timestep);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MujocoUnavailableException(what + " failed the start-up check: " + e.getMessage(), e);
        }
    }
}
