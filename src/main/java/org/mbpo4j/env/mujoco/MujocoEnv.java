package org.mbpo4j.env.mujoco;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.mbpo4j.env.AbstractEnv;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.RuleStateSource;
import org.mbpo4j.env.StatefulEnv;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/**
 * The base of Gymnasium's MuJoCo tasks: one {@link MjSim} stepped {@code frame_skip} times per
 * env step, as Gymnasium's {@code MujocoEnv} does.
 *
 * <p><b>Gymnasium's order, kept exactly.</b> {@code reset}: {@code mj_resetData}, the task's
 * reset noise added to {@code qpos0} and zero velocities, {@code mj_forward}, the observation.
 * {@code step}: the action written to {@code ctrl} as given (MuJoCo clamps it to the actuator's
 * control range; the control cost uses it unclamped, as Gymnasium's does), {@code frame_skip}
 * calls of {@code mj_step}, {@code mj_rnePostConstraint} where contact forces are read, then
 * observation, reward and termination. Quantities such as a body's position or the centre of
 * mass are read from {@code mjData} as the last {@code mj_step} left them, i.e. from the state
 * before its final integration, exactly as Gymnasium reads them.
 *
 * <p><b>Rules.</b> Each task's reward and termination are its {@link TaskRules}, called here on
 * rows laid out like the observation before clipping, followed by the few values the
 * observation leaves out that the reward needs (see each task's rules). The env builds the row
 * after every reset and step ({@link #fillRuleRow}), asks the rules whether it is terminal and
 * for the reward from the previous row, the action and this row.
 *
 * <p><b>State</b> ({@link StatefulEnv}): {@code qpos}, {@code qvel}, {@code act} (the actuators'
 * activations: none in Gymnasium's models), {@code qacc_warmstart} (the solver's warm start,
 * needed to continue bit for bit), then the current observation in double precision and the
 * current rule row (which holds what the next reward reads from before the step). {@link #setState} restores all of it and calls {@code mj_forward}, so stepping on
 * continues exactly as the env that saved it would have.
 *
 * <p><b>Rendering</b> ({@link Renderable}): Java2D drawings of the geoms ({@link MujocoRenderer}),
 * from the side following the torso for the planar tasks, from behind and above for Ant and
 * Humanoid, from the top for Reacher and Swimmer.
 */
public abstract class MujocoEnv extends AbstractEnv<float[]> implements StatefulEnv, RuleStateSource, Renderable {
    private final String id;
    /** The simulation. */
    protected final MjSim sim;
    /** MuJoCo steps per env step. */
    protected final int frameSkip;
    /** Seconds per env step: {@code timestep * frame_skip}, as Gymnasium computes it. */
    protected final double dt;
    /** {@code qpos0} and zero velocities: what the reset noise is added to. */
    protected final double[] initQpos;
    protected final double[] initQvel;
    private final TaskRules rules;
    private final boolean contactForces;
    private final Box observationSpace;
    private final Box actionSpace;
    private final int obsDim;
    private final int ruleDim;
    /** The observation in double precision, as Gymnasium returns it. */
    private final double[] obs64;
    private double[] row;
    private double[] prevRow;
    private final double[] actionRow;
    private final double[] zeros;
    private final boolean[] terminated = new boolean[1];
    private final double[] reward = new double[1];
    private boolean closed;
    private MujocoRenderer renderer;

    /**
     * How a task is drawn: the view, the body the camera follows (null: a fixed camera) and the
     * camera distance in metres (Gymnasium's default camera's, where it sets one).
     */
    protected record Camera(MujocoRenderer.View view, String trackedBody, double distance) {
    }

    /**
     * @param contactForces whether the task reads {@code cfrc_ext} (then {@code mj_rnePostConstraint}
     *                      follows every step, as in Gymnasium; it changes nothing else)
     */
    protected MujocoEnv(String id, MjSim sim, int frameSkip, int obsDim, TaskRules rules, boolean contactForces) {
        this.id = id;
        this.sim = sim;
        this.frameSkip = frameSkip;
        this.dt = sim.timestep * frameSkip;
        this.initQpos = sim.qpos0();
        this.initQvel = new double[sim.nv];
        this.rules = rules;
        this.contactForces = contactForces;
        this.obsDim = obsDim;
        this.ruleDim = rules.stateDim();
        if (rules.obsDim() != obsDim || rules.actionDim() != sim.nu) {
            throw new IllegalStateException(id + ": the rules expect obs " + rules.obsDim() + " and action "
                    + rules.actionDim() + " dims, the model gives " + obsDim + " and " + sim.nu);
        }
        this.observationSpace = Box.uniform(obsDim, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
        this.actionSpace = ModelShape.of(sim).actionBox();
        this.obs64 = new double[obsDim];
        this.row = new double[ruleDim];
        this.prevRow = new double[ruleDim];
        this.actionRow = new double[sim.nu];
        this.zeros = new double[sim.nv];
    }

    // ---- what each task defines ---------------------------------------------------------------

    /** How the task is drawn. */
    protected abstract Camera camera();

    /** Adds the task's reset noise to {@code qpos} and {@code qvel} (initially qpos0 and zeros), in Gymnasium's order. */
    protected abstract void resetNoise(Rng rng, double[] qpos, double[] qvel);

    /** The observation of the current {@code mjData}, in double precision. */
    protected abstract void observe(double[] obs);

    /**
     * The rule row of the current {@code mjData}: the observation before clipping (in
     * {@code row[0..obsDim)}), then the task's extra values. Called after {@link #observe}.
     */
    protected abstract void fillRuleRow(double[] obs, double[] row);

    /** Gymnasium's numeric info entries for a step, from the rule rows around it and the action. */
    protected abstract Map<String, Object> stepInfo(double[] before, double[] action, double[] after,
                                                    boolean terminated, double reward);

    // ---- helpers the tasks share ----------------------------------------------------------------

    /** Adds NumPy's {@code uniform(-scale, scale)} to each entry, in order (Gymnasium's usual reset noise). */
    protected static void addUniform(Rng rng, double[] v, double scale) {
        for (int i = 0; i < v.length; i++) {
            v[i] += rng.uniform(-scale, scale);
        }
    }

    /** Adds {@code scale * standard_normal()} to each entry, in order. */
    protected static void addGaussian(Rng rng, double[] v, double scale) {
        for (int i = 0; i < v.length; i++) {
            v[i] += scale * rng.nextGaussian();
        }
    }

    /**
     * Gymnasium's usual observation head: {@code qpos[skip:]}, then {@code qvel} clipped to
     * {@code +-clip} (NaN: not clipped), written from {@code out[0]}; returns the next index.
     */
    protected final int putQposQvel(double[] out, int skip, double clip) {
        int o = 0;
        for (int k = skip; k < sim.nq; k++) {
            out[o++] = sim.qpos(k);
        }
        for (int k = 0; k < sim.nv; k++) {
            double v = sim.qvel(k);
            out[o++] = Double.isNaN(clip) ? v : Math.max(-clip, Math.min(clip, v));
        }
        return o;
    }

    /** Gymnasium's {@code x_position}, {@code y_position} and {@code distance_from_origin} entries. */
    protected static void putPosition(Map<String, Object> info, double x, double y) {
        info.put("x_position", x);
        info.put("y_position", y);
        info.put("distance_from_origin", NumpySums.norm(x, y));
    }

    // ---- Gymnasium's loop ---------------------------------------------------------------------

    @Override
    protected final float[] doReset(Rng rng) {
        ensureOpen();
        double[] qpos = initQpos.clone();
        double[] qvel = initQvel.clone();
        resetNoise(rng, qpos, qvel);
        resetTo(qpos, qvel);
        return observation();
    }

    /**
     * {@code mj_resetData}, then Gymnasium's {@code set_state(qpos, qvel)}: write them and
     * {@code mj_forward}. MuJoCo 2.x normalises free joints' quaternions inside {@code qpos}
     * there (3.x only in a copy), so {@code qpos} is written again: the reset observation then
     * shows the drawn, unnormalised quaternion as Gymnasium's does, and the next step, which
     * normalises it on both versions, is unchanged. The solver's warm start stays as
     * {@code mj_resetData} left it (zero), as on 3.x (see {@link #forwardKeepingState}).
     */
    final void resetTo(double[] qpos, double[] qvel) {
        sim.resetData();
        sim.setQpos(qpos, 0);
        sim.setQvel(qvel, 0);
        forwardKeepingState(qpos, zeros);
        observe(obs64);
        fillRuleRow(obs64, row);
    }

    @Override
    protected final StepResult doStep(float[] action) {
        ensureOpen();
        for (int i = 0; i < actionRow.length; i++) {
            actionRow[i] = action[i];
        }
        simulate(action);
        double[] t = prevRow;
        prevRow = row;
        row = t;
        observe(obs64);
        fillRuleRow(obs64, row);
        rules.terminated(row, 1, terminated);
        rules.reward(prevRow, actionRow, row, terminated, 1, reward);
        Map<String, Object> info = stepInfo(prevRow, actionRow, row, terminated[0], reward[0]);
        return new StepResult(observation(), reward[0], terminated[0], false, info);
    }

    /** Gymnasium's {@code do_simulation}: ctrl = action, {@code frame_skip} x {@code mj_step}, contact forces. */
    private void simulate(float[] action) {
        sim.setCtrl(action);
        sim.step(frameSkip);
        if (contactForces) {
            sim.rnePostConstraint();
        }
    }

    private float[] observation() {
        float[] o = new float[obsDim];
        for (int i = 0; i < obsDim; i++) {
            o[i] = (float) obs64[i];
        }
        return o;
    }

    // ---- accessors ----------------------------------------------------------------------------

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Box observationSpace() {
        return observationSpace;
    }

    @Override
    public final Box actionSpace() {
        return actionSpace;
    }

    /** The task's rules (for these options). */
    public final TaskRules rules() {
        return rules;
    }

    /** Seconds per env step. */
    public final double dt() {
        return dt;
    }

    /** MuJoCo steps per env step. */
    public final int frameSkip() {
        return frameSkip;
    }

    /** The model's position coordinates ({@code nq}): the state starts with {@code qpos}. */
    public final int nq() {
        return sim.nq;
    }

    /** The model's degrees of freedom ({@code nv}): {@code qvel} and {@code qacc_warmstart} follow {@code qpos}. */
    public final int nv() {
        return sim.nv;
    }

    /** The observation of the current state in double precision (a copy), as Gymnasium returns it. */
    public final double[] observation64() {
        return obs64.clone();
    }

    @Override
    public final double[] ruleState() {
        return row.clone();
    }

    /** The simulation, for the package's replay and rendering. */
    final MjSim sim() {
        return sim;
    }

    // ---- StatefulEnv --------------------------------------------------------------------------

    @Override
    public final int stateDim() {
        return sim.nq + 2 * sim.nv + sim.na + obsDim + ruleDim;
    }

    @Override
    public final double[] getState() {
        ensureOpen();
        if (randomState() == null) {
            return null;
        }
        double[] s = new double[stateDim()];
        int o = 0;
        sim.getQpos(s, o);
        o += sim.nq;
        sim.getQvel(s, o);
        o += sim.nv;
        sim.getAct(s, o);
        o += sim.na;
        sim.getQaccWarmstart(s, o);
        o += sim.nv;
        System.arraycopy(obs64, 0, s, o, obsDim);
        o += obsDim;
        System.arraycopy(row, 0, s, o, ruleDim);
        return s;
    }

    @Override
    public final void setState(double[] state) {
        ensureOpen();
        if (state == null || state.length != stateDim()) {
            throw new IllegalArgumentException(id + ": state must hold " + stateDim() + " values (qpos " + sim.nq
                    + ", qvel " + sim.nv + (sim.na > 0 ? ", act " + sim.na : "") + ", qacc_warmstart " + sim.nv
                    + ", observation " + obsDim + ", rule row " + ruleDim + "), got "
                    + (state == null ? "null" : state.length));
        }
        int physics = sim.nq + 2 * sim.nv + sim.na;
        for (int i = 0; i < physics; i++) {
            if (!Double.isFinite(state[i])) {
                throw new IllegalArgumentException(id + ": state value " + i + " is " + state[i]);
            }
        }
        int warm = sim.nq + sim.nv + sim.na;
        sim.resetData();
        sim.setQpos(state, 0);
        sim.setQvel(state, sim.nq);
        sim.setAct(state, sim.nq + sim.nv);
        sim.setQaccWarmstart(state, warm);
        forwardKeepingState(java.util.Arrays.copyOfRange(state, 0, sim.nq),
                java.util.Arrays.copyOfRange(state, warm, warm + sim.nv));
        System.arraycopy(state, physics, obs64, 0, obsDim);
        System.arraycopy(state, physics + obsDim, row, 0, ruleDim);
        markReady();
    }

    /**
     * {@code mj_forward}, then {@code qpos} and {@code qacc_warmstart} written back: MuJoCo 2.x's
     * forward pass normalises free joints' quaternions in {@code qpos} and stores its
     * accelerations as the next warm start, MuJoCo 3.x's changes neither. Writing them back makes
     * the state after a reset or {@link #setState} the one given, on both versions, so that a
     * restored env steps on bit for bit.
     */
    private void forwardKeepingState(double[] qpos, double[] qaccWarmstart) {
        sim.forward();
        sim.setQpos(qpos, 0);
        sim.setQaccWarmstart(qaccWarmstart, 0);
    }

    /**
     * Writes {@code qpos}, {@code qvel} and {@code qacc_warmstart} only, keeping the observation
     * and rule row of the state before: the teacher-forced replay restores a recorded state this
     * way after stepping into it, so that what Gymnasium reads before the next step is the
     * simulator's own.
     */
    final void restorePhysics(double[] qpos, double[] qvel, double[] qaccWarmstart) {
        ensureOpen();
        sim.setQpos(qpos, 0);
        sim.setQvel(qvel, 0);
        sim.setQaccWarmstart(qaccWarmstart, 0);
        markReady();
    }

    @Override
    public final BufferedImage render() {
        ensureOpen();
        if (renderer == null) {
            Camera c = camera();
            renderer = new MujocoRenderer(sim, c.view(), c.trackedBody() == null ? -1 : sim.bodyId(c.trackedBody()),
                    c.distance());
        }
        return renderer.render();
    }

    /** One env step of simulated time: {@code timestep * frame_skip}. */
    @Override
    public final double frameSeconds() {
        return dt;
    }

    /** The info a reset to the current state reports (Gymnasium's {@code _get_reset_info}). */
    final Map<String, Object> currentResetInfo() {
        return resetInfo();
    }

    @Override
    public final float[] observe() {
        return observation();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(id + " was closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        sim.close();
    }
}
