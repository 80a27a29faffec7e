package org.mbpo4j.env.mujoco;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One MuJoCo simulation: an {@code mjModel} loaded from an MJCF file and its {@code mjData},
 * with typed access to the fields the tasks read and write. The array pointers are resolved
 * once, so a step makes no allocation: {@link #step(int)} is {@code n} direct calls of
 * {@code mj_step}, and reads and writes copy between MuJoCo's memory and caller-owned arrays.
 *
 * <p>On a library that takes the larger of two contact margins (MuJoCo before 3.5, such as
 * Debian's 2.2.2), every geom margin is doubled after loading: for two geoms of equal margin
 * {@code m}, {@code max(2m, 2m) = m + m}, which is what MuJoCo 3.5 and later (and so today's
 * Gymnasium) compute. Gymnasium's models give every geom the same margin (hopper 0.001, ant 0.01,
 * humanoid 0.001; the others 0).
 *
 * <p>Not thread-safe. {@link #close()} frees the native memory (a cleaner does it too if an
 * instance is dropped).
 */
final class MjSim implements AutoCloseable {
    /** {@code mjtObj} values (the same in 2.2.2 and 3.14). */
    static final int OBJ_BODY = 1;
    static final int OBJ_GEOM = 5;
    static final int OBJ_SITE = 6;

    private static final Cleaner CLEANER = Cleaner.create();

    private final MjLayout layout;
    private final NativeState state;
    private final Cleaner.Cleanable cleanable;
    private final long m;
    private final long d;
    private final Path file;

    final int nq;
    final int nv;
    final int nu;
    final int na;
    final int nbody;
    final int ngeom;
    final int nsite;
    final int ntendon;
    final double timestep;

    private final Pointer model;
    private final Pointer data;
    private final Pointer qpos;
    private final Pointer qvel;
    private final Pointer qaccWarmstart;
    private final Pointer act;
    private final Pointer ctrl;
    private final Pointer xpos;
    private final Pointer xmat;
    private final Pointer xipos;
    private final Pointer geomXpos;
    private final Pointer geomXmat;
    private final Pointer siteXpos;
    private final Pointer cinert;
    private final Pointer cvel;
    private final Pointer cfrcExt;
    private final Pointer qfrcActuator;
    private final Pointer qfrcConstraint;
    private final Pointer tenLength;
    private final Pointer tenVelocity;
    private boolean closed;
    /** qpos and qvel as last read from MuJoCo; re-read (two bulk copies) after anything that may change them. */
    private final double[] qposCache;
    private final double[] qvelCache;
    private boolean stale = true;
    private final double[] ctrlBuffer;

    /** The native pointers, freed by {@link #close()} or the cleaner (never touching the MjSim). */
    private static final class NativeState implements Runnable {
        private long m;
        private long d;

        NativeState(long m, long d) {
            this.m = m;
            this.d = d;
        }

        @Override
        public synchronized void run() {
            if (d != 0) {
                MjNative.mj_deleteData(d);
                d = 0;
            }
            if (m != 0) {
                MjNative.mj_deleteModel(m);
                m = 0;
            }
        }
    }

    private MjSim(MjLayout layout, long m, long d, Path file) {
        this.layout = layout;
        this.m = m;
        this.d = d;
        this.file = file;
        this.state = new NativeState(m, d);
        this.model = new Pointer(m);
        this.data = new Pointer(d);
        MjLayout.Model mo = layout.model();
        nq = size(mo.nq());
        nv = size(mo.nv());
        nu = size(mo.nu());
        na = size(mo.na());
        nbody = size(mo.nbody());
        ngeom = size(mo.ngeom());
        nsite = size(mo.nsite());
        ntendon = size(mo.ntendon());
        timestep = model.getDouble(mo.timestep());
        MjLayout.Data da = layout.data();
        qpos = array(da.qpos());
        qvel = array(da.qvel());
        qaccWarmstart = array(da.qaccWarmstart());
        act = array(da.act());
        ctrl = array(da.ctrl());
        xpos = array(da.xpos());
        xmat = array(da.xmat());
        xipos = array(da.xipos());
        geomXpos = array(da.geomXpos());
        geomXmat = array(da.geomXmat());
        siteXpos = array(da.siteXpos());
        cinert = array(da.cinert());
        cvel = array(da.cvel());
        cfrcExt = array(da.cfrcExt());
        qfrcActuator = array(da.qfrcActuator());
        qfrcConstraint = array(da.qfrcConstraint());
        tenLength = array(da.tenLength());
        tenVelocity = array(da.tenVelocity());
        qposCache = new double[nq];
        qvelCache = new double[nv];
        ctrlBuffer = new double[nu];
        // Last: a constructor that threw above leaves the freeing to load(), never to both.
        this.cleanable = CLEANER.register(this, state);
    }

    /**
     * Loads an MJCF file (an absolute path) into a fresh model and data, doubling the contact
     * margins on libraries that take the larger of two (see the class comment).
     *
     * @throws IllegalArgumentException with MuJoCo's own message when the file does not compile
     */
    static MjSim load(MujocoLibrary lib, Path xml) {
        MjSim sim = loadAsIs(lib, xml);
        if (!lib.sumsContactMargins()) {
            sim.doubleMargins();
        }
        return sim;
    }

    /**
     * Loads without adjusting anything and without dereferencing the model's arrays: what the
     * start-up check uses while the layout is not yet trusted.
     */
    static MjSim loadAsIs(MujocoLibrary lib, Path xml) {
        byte[] err = new byte[1000];
        long m = MjNative.mj_loadXML(xml.toAbsolutePath().toString(), 0L, err, err.length);
        if (m == 0) {
            throw new IllegalArgumentException("MuJoCo could not load " + xml + ": "
                    + cString(err).replaceAll("\\s*\\n\\s*", "; "));
        }
        long d = MjNative.mj_makeData(m);
        if (d == 0) {
            MjNative.mj_deleteModel(m);
            throw new IllegalStateException("MuJoCo could not allocate the data of " + xml);
        }
        try {
            return new MjSim(lib.layout(), m, d, xml);
        } catch (RuntimeException e) {
            MjNative.mj_deleteData(d);
            MjNative.mj_deleteModel(m);
            throw e;
        }
    }

    private void doubleMargins() {
        Pointer margin = model.getPointer(layout.model().geomMargin());
        for (int g = 0; g < ngeom; g++) {
            margin.setDouble(8L * g, 2 * margin.getDouble(8L * g));
        }
    }

    private int size(int offset) {
        long v = layout.sizesAreLong() ? model.getLong(offset) : model.getInt(offset);
        if (v < 0 || v > 1_000_000) {
            throw new IllegalStateException("mjModel size field at offset " + offset + " reads " + v
                    + ": the memory layout does not match the library");
        }
        return (int) v;
    }

    private Pointer array(int offset) {
        return data.getPointer(offset);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).strip();
    }

    /** The MJCF file this simulation was loaded from. */
    Path file() {
        return file;
    }

    // ---- the C API ------------------------------------------------------------------------------

    /** {@code mj_resetData}: qpos = qpos0, qvel = 0, qacc_warmstart = 0, time = 0, ctrl = 0, ... */
    void resetData() {
        ensureOpen();
        stale = true;
        MjNative.mj_resetData(m, d);
        Reference.reachabilityFence(this);
    }

    /** {@code mj_forward}: every derived quantity from the current state, without integrating. */
    void forward() {
        ensureOpen();
        stale = true;
        MjNative.mj_forward(m, d);
        Reference.reachabilityFence(this);
    }

    /** {@code n} calls of {@code mj_step}. */
    void step(int n) {
        ensureOpen();
        stale = true;
        for (int i = 0; i < n; i++) {
            MjNative.mj_step(m, d);
        }
        // the cleaner frees m and d once this object is unreachable: not before the calls above return
        Reference.reachabilityFence(this);
    }

    /** {@code mj_rnePostConstraint}: {@code cacc}, {@code cfrc_int} and {@code cfrc_ext}. */
    void rnePostConstraint() {
        ensureOpen();
        MjNative.mj_rnePostConstraint(m, d);
        Reference.reachabilityFence(this);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the MuJoCo simulation of " + file + " was closed");
        }
    }

    /** The id of a named object of type {@code type} ({@link #OBJ_BODY}, ...), or -1. */
    int id(int type, String name) {
        ensureOpen();
        return MjNative.mj_name2id(m, type, name);
    }

    /** The body id of {@code name}, or an {@link IllegalArgumentException} naming the file. */
    int bodyId(String name) {
        int id = id(OBJ_BODY, name);
        if (id < 0) {
            throw new IllegalArgumentException(file + " has no body named '" + name + "'");
        }
        return id;
    }

    /** The site id of {@code name}, or an {@link IllegalArgumentException} naming the file. */
    int siteId(String name) {
        int id = id(OBJ_SITE, name);
        if (id < 0) {
            throw new IllegalArgumentException(file + " has no site named '" + name + "'");
        }
        return id;
    }

    // ---- state ----------------------------------------------------------------------------------

    double time() {
        ensureOpen();
        return data.getDouble(layout.data().time());
    }

    void getQpos(double[] dst, int off) {
        ensureOpen();
        qpos.read(0, dst, off, nq);
    }

    void setQpos(double[] src, int off) {
        ensureOpen();
        stale = true;
        qpos.write(0, src, off, nq);
    }

    void getQvel(double[] dst, int off) {
        ensureOpen();
        qvel.read(0, dst, off, nv);
    }

    void setQvel(double[] src, int off) {
        ensureOpen();
        stale = true;
        qvel.write(0, src, off, nv);
    }

    /** The actuators' activations ({@code na} values; none in Gymnasium's models). */
    void getAct(double[] dst, int off) {
        ensureOpen();
        if (na > 0) {
            act.read(0, dst, off, na);
        }
    }

    void setAct(double[] src, int off) {
        ensureOpen();
        if (na > 0) {
            act.write(0, src, off, na);
        }
    }

    void getQaccWarmstart(double[] dst, int off) {
        ensureOpen();
        qaccWarmstart.read(0, dst, off, nv);
    }

    void setQaccWarmstart(double[] src, int off) {
        ensureOpen();
        qaccWarmstart.write(0, src, off, nv);
    }

    /** {@code qpos[i]}: the tasks read the state entry by entry, from a copy taken once per change. */
    double qpos(int i) {
        if (stale) {
            refresh();
        }
        return qposCache[i];
    }

    double qvel(int i) {
        if (stale) {
            refresh();
        }
        return qvelCache[i];
    }

    private void refresh() {
        ensureOpen();
        qpos.read(0, qposCache, 0, nq);
        qvel.read(0, qvelCache, 0, nv);
        stale = false;
    }

    /**
     * Writes {@code nu} controls (float32 actions widened exactly, as Gymnasium's
     * {@code data.ctrl[:] = action}).
     *
     * @throws IllegalArgumentException if the action does not hold {@code nu} values
     */
    void setCtrl(float[] action) {
        ensureOpen();
        if (action.length != nu) {
            throw new IllegalArgumentException(file + ": an action holds " + nu + " values, got " + action.length);
        }
        for (int i = 0; i < nu; i++) {
            ctrlBuffer[i] = action[i];
        }
        ctrl.write(0, ctrlBuffer, 0, nu);
    }

    void getCtrl(double[] dst, int off) {
        ctrl.read(0, dst, off, nu);
    }

    // ---- derived quantities (as the last mj_forward/mj_step computed them) ---------------------

    /** {@code xpos[body]}: the body frame's position. */
    void xpos(int body, double[] dst, int off) {
        ensureOpen();
        xpos.read(24L * body, dst, off, 3);
    }

    /** All {@code nbody} x 9 entries of {@code xmat}. */
    void xmat(double[] dst) {
        ensureOpen();
        xmat.read(0, dst, 0, 9 * nbody);
    }

    /** All {@code nbody} x 3 entries of {@code xipos} (the bodies' centres of mass). */
    void xipos(double[] dst) {
        ensureOpen();
        xipos.read(0, dst, 0, 3 * nbody);
    }

    /** {@code site_xpos[site]}. */
    void siteXpos(int site, double[] dst, int off) {
        ensureOpen();
        siteXpos.read(24L * site, dst, off, 3);
    }

    /** {@code cinert} rows {@code from..nbody-1} (10 values each). */
    void cinert(int from, double[] dst, int off) {
        ensureOpen();
        cinert.read(80L * from, dst, off, 10 * (nbody - from));
    }

    /** {@code cvel} rows {@code from..nbody-1} (6 values each). */
    void cvel(int from, double[] dst, int off) {
        ensureOpen();
        cvel.read(48L * from, dst, off, 6 * (nbody - from));
    }

    /** {@code cfrc_ext} rows {@code from..nbody-1} (6 values each). */
    void cfrcExt(int from, double[] dst, int off) {
        ensureOpen();
        cfrcExt.read(48L * from, dst, off, 6 * (nbody - from));
    }

    /** {@code qfrc_actuator[from..nv-1]}. */
    void qfrcActuator(int from, double[] dst, int off) {
        ensureOpen();
        qfrcActuator.read(8L * from, dst, off, nv - from);
    }

    /** {@code qfrc_constraint[from..nv-1]}. */
    void qfrcConstraint(int from, double[] dst, int off) {
        ensureOpen();
        qfrcConstraint.read(8L * from, dst, off, nv - from);
    }

    void tenLength(double[] dst) {
        ensureOpen();
        tenLength.read(0, dst, 0, ntendon);
    }

    void tenVelocity(double[] dst) {
        ensureOpen();
        tenVelocity.read(0, dst, 0, ntendon);
    }

    /** All {@code ngeom} x 3 entries of {@code geom_xpos}. */
    void geomXpos(double[] dst) {
        ensureOpen();
        geomXpos.read(0, dst, 0, 3 * ngeom);
    }

    /** All {@code ngeom} x 9 entries of {@code geom_xmat}. */
    void geomXmat(double[] dst) {
        ensureOpen();
        geomXmat.read(0, dst, 0, 9 * ngeom);
    }

    // ---- model constants ------------------------------------------------------------------------

    double[] qpos0() {
        ensureOpen();
        double[] v = new double[nq];
        model.getPointer(layout.model().qpos0()).read(0, v, 0, nq);
        return v;
    }

    double[] bodyMass() {
        ensureOpen();
        double[] v = new double[nbody];
        model.getPointer(layout.model().bodyMass()).read(0, v, 0, nbody);
        return v;
    }

    int[] bodyParentId() {
        ensureOpen();
        int[] v = new int[nbody];
        model.getPointer(layout.model().bodyParentid()).read(0, v, 0, nbody);
        return v;
    }

    int[] geomType() {
        ensureOpen();
        int[] v = new int[ngeom];
        model.getPointer(layout.model().geomType()).read(0, v, 0, ngeom);
        return v;
    }

    int[] geomBodyId() {
        ensureOpen();
        int[] v = new int[ngeom];
        model.getPointer(layout.model().geomBodyid()).read(0, v, 0, ngeom);
        return v;
    }

    int[] geomGroup() {
        ensureOpen();
        int[] v = new int[ngeom];
        model.getPointer(layout.model().geomGroup()).read(0, v, 0, ngeom);
        return v;
    }

    /** {@code ngeom} x 3 sizes. */
    double[] geomSize() {
        ensureOpen();
        double[] v = new double[3 * ngeom];
        model.getPointer(layout.model().geomSize()).read(0, v, 0, 3 * ngeom);
        return v;
    }

    /** {@code ngeom} margins (doubled on MuJoCo before 3.5, see the class comment). */
    double[] geomMargin() {
        ensureOpen();
        double[] v = new double[ngeom];
        model.getPointer(layout.model().geomMargin()).read(0, v, 0, ngeom);
        return v;
    }

    /** {@code ngeom} x 4 colours (RGBA in [0, 1]). */
    float[] geomRgba() {
        ensureOpen();
        float[] v = new float[4 * ngeom];
        model.getPointer(layout.model().geomRgba()).read(0, v, 0, 4 * ngeom);
        return v;
    }

    /** {@code nu} x 2 control ranges. */
    double[] actuatorCtrlRange() {
        ensureOpen();
        double[] v = new double[2 * nu];
        model.getPointer(layout.model().actuatorCtrlrange()).read(0, v, 0, 2 * nu);
        return v;
    }

    /** {@code model.opt.integrator} (0 Euler, 1 RK4, ...). */
    int integrator() {
        ensureOpen();
        return model.getInt(layout.model().integrator());
    }

    /** {@code model.opt.solver} (0 PGS, 1 CG, 2 Newton). */
    int solver() {
        ensureOpen();
        return model.getInt(layout.model().solver());
    }

    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }
}
