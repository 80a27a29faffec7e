package org.mbpo4j.env.mujoco;

import java.util.Map;

/**
 * The sizes of an MJCF model that a task's observation layout, rules and spaces depend on. For
 * the bundled models they are known without the library (a test checks this table against the
 * loaded models); for a user's {@code xml_file} they are read from the loaded model.
 *
 * @param nq       position coordinates
 * @param nv       degrees of freedom
 * @param nu       actuators
 * @param nbody    bodies, the world included
 * @param timestep {@code opt.timestep}
 * @param ctrlLow  each actuator's lower control bound
 * @param ctrlHigh each actuator's upper control bound
 */
record ModelShape(int nq, int nv, int nu, int nbody, double timestep, double[] ctrlLow, double[] ctrlHigh) {

    private static ModelShape uniform(int nq, int nv, int nu, int nbody, double timestep, double bound) {
        double[] lo = new double[nu];
        double[] hi = new double[nu];
        java.util.Arrays.fill(lo, -bound);
        java.util.Arrays.fill(hi, bound);
        return new ModelShape(nq, nv, nu, nbody, timestep, lo, hi);
    }

    /** The bundled models, as MuJoCo compiles them (2.2.2 and 3.14 alike). */
    static final Map<String, ModelShape> BUNDLED = Map.of(
            "ant.xml", uniform(15, 14, 8, 14, 0.01, 1),
            "half_cheetah.xml", uniform(9, 9, 6, 8, 0.01, 1),
            "hopper.xml", uniform(6, 6, 3, 5, 0.002, 1),
            "humanoid.xml", uniform(24, 23, 17, 14, 0.003, 0.4),
            "inverted_double_pendulum.xml", uniform(3, 3, 1, 4, 0.01, 1),
            "inverted_pendulum.xml", uniform(2, 2, 1, 3, 0.02, 3),
            "reacher.xml", uniform(4, 4, 2, 5, 0.01, 1),
            "swimmer.xml", uniform(5, 5, 2, 4, 0.01, 1),
            "walker2d.xml", uniform(9, 9, 6, 8, 0.002, 1),
            "walker2d_v5.xml", uniform(9, 9, 6, 8, 0.002, 1));

    /** The shape of a loaded model. */
    static ModelShape of(MjSim sim) {
        double[] r = sim.actuatorCtrlRange();
        double[] lo = new double[sim.nu];
        double[] hi = new double[sim.nu];
        for (int i = 0; i < sim.nu; i++) {
            lo[i] = r[2 * i];
            hi[i] = r[2 * i + 1];
        }
        return new ModelShape(sim.nq, sim.nv, sim.nu, sim.nbody, sim.timestep, lo, hi);
    }

    /** Gymnasium's action box: the control ranges as float32. */
    org.mbpo4j.env.Box actionBox() {
        float[] lo = new float[nu];
        float[] hi = new float[nu];
        for (int i = 0; i < nu; i++) {
            lo[i] = (float) ctrlLow[i];
            hi[i] = (float) ctrlHigh[i];
        }
        return new org.mbpo4j.env.Box(lo, hi);
    }
}
