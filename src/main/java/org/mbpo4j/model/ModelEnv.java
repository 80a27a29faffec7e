package org.mbpo4j.model;

import org.mbpo4j.buffer.ReplayBuffer;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/**
 * A batched imagined environment: a {@link TransitionModel} predicts next observations (and
 * rewards, when learned), and the task's own {@link TaskRules} decide termination (and the
 * reward, when not learned) on the predicted next states, so no threshold is written twice.
 *
 * <p>{@link #step} advances {@code n} rows at once; {@link #rollout} runs MBPO's branched
 * rollouts: start states in pieces of {@code chunk} rows per ensemble member (each member then
 * gets about a chunk of rows per step, since rows are spread over the members), {@code k}
 * steps each, the policy's actions, every transition appended to a model replay buffer, rows
 * that terminate masked out of later steps. Memory is bounded by the piece whatever the number
 * of start states. Not thread-safe.
 */
public final class ModelEnv {
    private final TransitionModel model;
    private final TaskRules rules;
    private final Propagation propagation;
    private final boolean deterministic;
    private final int chunk;
    private final int piece;
    private final Kernels k;
    private Rng rng;
    private int[] members = new int[0];
    private double[] obsD = new double[0];
    private double[] nextD = new double[0];
    private double[] actD = new double[0];
    private double[] states = new double[0];
    private double[] nextStates = new double[0];
    private double[] rewardD = new double[0];
    // rollout buffers, one chunk each
    private final float[] cur;
    private final float[] act;
    private final float[] next;
    private final float[] rew;
    private final boolean[] term;
    private final int[] fixed;

    /**
     * @param propagation   how each row's prediction is picked among the elites
     * @param deterministic use the predicted mean instead of sampling
     * @param chunk         rows per forward pass and per rollout piece
     */
    public ModelEnv(TransitionModel model, TaskRules rules, Propagation propagation, boolean deterministic,
                    int chunk, Kernels k, Rng rng) {
        if (rules.obsDim() != model.obsDim() || rules.actionDim() != model.actDim()) {
            throw new IllegalArgumentException("the task has obs " + rules.obsDim() + " and action "
                    + rules.actionDim() + " dims; the model " + model.obsDim() + " and " + model.actDim());
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1 rows, got " + chunk);
        }
        this.model = model;
        this.rules = rules;
        this.propagation = propagation;
        this.deterministic = deterministic;
        this.chunk = chunk;
        this.piece = (int) Math.min(1 << 20, (long) chunk * model.ensemble().spec().members());
        this.k = k;
        this.rng = rng;
        int o = model.obsDim();
        int a = model.actDim();
        this.cur = new float[piece * o];
        this.act = new float[piece * a];
        this.next = new float[piece * o];
        this.rew = new float[piece];
        this.term = new boolean[piece];
        this.fixed = new int[piece];
    }

    public TransitionModel model() {
        return model;
    }

    /** The sampling stream's state (for checkpoints). */
    public long[] rngState() {
        return rng.state();
    }

    /** Restores {@link #rngState()}. */
    public void restoreRng(long[] state) {
        rng = Rng.fromState(state);
    }

    public Propagation propagation() {
        return propagation;
    }

    /**
     * One imagined step for {@code n} rows: {@code nextObs}, {@code reward} and
     * {@code terminated} receive {@code n} rows. With {@link Propagation#FIXED_MEMBER} a lone
     * step draws a random elite per row (use {@link #step(float[], float[], int, int[], float[], float[], boolean[])}
     * to keep members across steps).
     */
    public void step(float[] obs, float[] actions, int n, float[] nextObs, float[] reward, boolean[] terminated) {
        int[] m = null;
        if (propagation != Propagation.ELITE_MEAN) {
            m = randomElites(n);
        }
        step(obs, actions, n, m, nextObs, reward, terminated);
    }

    /** One imagined step where row {@code i} uses member {@code members[i]} (null: the elites' mean). */
    public void step(float[] obs, float[] actions, int n, int[] members, float[] nextObs, float[] reward,
                     boolean[] terminated) {
        step(obs, actions, n, members, null, nextObs, reward, terminated);
    }

    /**
     * {@link #step(float[], float[], int, int[], float[], float[], boolean[])} where row
     * {@code i} repeats row {@code source[i]} (same observation, action and member; see
     * {@link TransitionModel#sample(float[], float[], int, int[], int[], boolean, Rng, int, Kernels, float[], float[])}):
     * the same samples, with one network pass per distinct row.
     */
    public void step(float[] obs, float[] actions, int n, int[] members, int[] source, float[] nextObs,
                     float[] reward, boolean[] terminated) {
        model.sample(obs, actions, n, members, source, deterministic, rng, chunk, k, nextObs, reward);
        int o = model.obsDim();
        int sd = rules.stateDim();
        grow(n, o, sd);
        for (int i = 0; i < n * o; i++) {
            nextD[i] = nextObs[i];
        }
        rules.stateFromObs(nextD, n, nextStates);
        rules.terminated(nextStates, n, terminated);
        if (!model.learnedRewards()) {
            for (int i = 0; i < n * o; i++) {
                obsD[i] = obs[i];
            }
            for (int i = 0; i < n * model.actDim(); i++) {
                actD[i] = actions[i];
            }
            rules.stateFromObs(obsD, n, states);
            rules.reward(states, actD, nextStates, terminated, n, rewardD);
            for (int i = 0; i < n; i++) {
                reward[i] = (float) rewardD[i];
            }
        }
    }

    private int[] randomElites(int n) {
        if (members.length < n) {
            members = new int[n];
        }
        int[] elites = model.elites();
        for (int i = 0; i < n; i++) {
            members[i] = elites[rng.nextInt(elites.length)];
        }
        return members;
    }

    private void grow(int n, int o, int sd) {
        if (nextD.length < n * o) {
            obsD = new double[n * o];
            nextD = new double[n * o];
            actD = new double[n * model.actDim()];
            rewardD = new double[n];
        }
        if (states.length < n * sd) {
            states = new double[n * sd];
            nextStates = new double[n * sd];
        }
    }

    /**
     * MBPO's branched rollouts: from each of the {@code n} rows of {@code startObs}, up to
     * {@code horizon} imagined steps under {@code policy}, appended to {@code into}.
     */
    public RolloutStats rollout(float[] startObs, int n, RolloutPolicy policy, int horizon, ReplayBuffer into) {
        long t0 = System.nanoTime();
        int o = model.obsDim();
        int a = model.actDim();
        if (horizon < 1) {
            throw new IllegalArgumentException("rollout horizon must be >= 1, got " + horizon);
        }
        if (startObs.length < n * o) {
            throw new IllegalArgumentException("startObs holds " + startObs.length / o + " rows, need " + n);
        }
        if (into.obsDim() != o || into.actDim() != a) {
            throw new IllegalArgumentException("the model buffer has obs " + into.obsDim() + " and action "
                    + into.actDim() + " dims; the model " + o + " and " + a);
        }
        long added = 0;
        long terminated = 0;
        long nonFinite = 0;
        double rewardSum = 0;
        for (int s = 0; s < n; s += piece) {
            int alive = Math.min(piece, n - s);
            System.arraycopy(startObs, s * o, cur, 0, alive * o);
            int[] m = null;
            if (propagation == Propagation.FIXED_MEMBER) {
                System.arraycopy(randomElites(alive), 0, fixed, 0, alive);
                m = fixed;
            }
            for (int t = 0; t < horizon && alive > 0; t++) {
                policy.act(cur, alive, act);
                if (propagation == Propagation.RANDOM_ELITE) {
                    m = randomElites(alive);
                }
                step(cur, act, alive, m, next, rew, term);
                // drop rows the model sent to NaN or infinity: they stop here and are not stored
                int w = 0;
                for (int i = 0; i < alive; i++) {
                    if (finite(next, i * o, o) && Float.isFinite(rew[i])) {
                        if (w != i) {
                            moveRow(i, w, o, a, m);
                        }
                        w++;
                    }
                }
                nonFinite += alive - w;
                alive = w;
                into.addBatch(cur, act, rew, next, term, alive);
                added += alive;
                int keep = 0;
                for (int i = 0; i < alive; i++) {
                    rewardSum += rew[i];
                    if (term[i]) {
                        terminated++;
                        continue;
                    }
                    System.arraycopy(next, i * o, cur, keep * o, o);
                    if (m == fixed) {
                        fixed[keep] = fixed[i];
                    }
                    keep++;
                }
                alive = keep;
            }
        }
        return new RolloutStats(n, horizon, added, terminated, nonFinite, added == 0 ? 0 : rewardSum / added,
                (System.nanoTime() - t0) * 1e-9);
    }

    private void moveRow(int from, int to, int o, int a, int[] m) {
        System.arraycopy(cur, from * o, cur, to * o, o);
        System.arraycopy(act, from * a, act, to * a, a);
        System.arraycopy(next, from * o, next, to * o, o);
        rew[to] = rew[from];
        term[to] = term[from];
        if (m == fixed) {
            fixed[to] = fixed[from];
        }
    }

    private static boolean finite(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (!Float.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }
}
