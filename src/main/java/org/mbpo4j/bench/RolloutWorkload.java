package org.mbpo4j.bench;

import org.mbpo4j.model.GaussianEnsemble;
import org.mbpo4j.model.ModelEnv;
import org.mbpo4j.model.Propagation;
import org.mbpo4j.model.TransitionModel;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/**
 * {@code rollout}: one imagined step for 100,000 rows through the dynamics model's own code
 * ({@link ModelEnv#step}, MBPO's default propagation: a random elite per row, sampled), on the
 * peer's ensemble ({@link ModelTrainWorkload.Shape#standard()}, 7 members of which 5 elites):
 * states of 11 dims, actions of 3, a prediction of 11 observation changes and the reward.
 *
 * <p>The PyTorch peer ({@code shared/peer/torch_bench.py}, W2) runs every row through all 7
 * members and then picks one member's sample per row; {@link ModelEnv} groups rows by their
 * member and runs each member on its own rows only. The distribution of the result is the
 * same; the work is a seventh. Rows go through in pieces of at most {@code chunk}. Buffers are
 * made once: nothing is allocated per call with the Java-loop kernels.
 */
public final class RolloutWorkload implements Workload {
    /** State dimensions of the standard workload. */
    public static final int OBS = 11;
    /** Action dimensions of the standard workload. */
    public static final int ACT = 3;
    /** Rows per call in the standard workload. */
    public static final int ROWS = 100_000;
    /** Default rows per forward pass (measured: see benchmarks/README.md). */
    public static final int DEFAULT_CHUNK = 4_096;
    /** The largest chunk. */
    public static final int MAX_CHUNK = 25_000;
    /** Elites of the standard ensemble (MBPO's 5 of 7). */
    static final int ELITES = 5;

    private final ModelEnv env;
    private final int obsDim;
    private final int rows;
    private final int chunk;
    private final float[] states;
    private final float[] actions;
    private final float[] next;
    private final float[] reward;
    private final boolean[] terminated;

    /**
     * @param ensemble input {@code obsDim + actDim}; output {@code obsDim + 1} (changes and
     *                 reward) or {@code obsDim} (changes only, the task's reward)
     * @param rows     rows per call
     * @param chunk    rows per forward pass, 1 to {@link #MAX_CHUNK}
     */
    public RolloutWorkload(GaussianEnsemble ensemble, int obsDim, int actDim, int rows, int chunk, Kernels k,
                           Rng rng) {
        GaussianEnsemble.Spec s = ensemble.spec();
        if (s.inDim() != obsDim + actDim || (s.outDim() != obsDim && s.outDim() != obsDim + 1)) {
            throw new IllegalArgumentException("ensemble " + s.inDim() + " -> " + s.outDim() + " does not map "
                    + obsDim + " + " + actDim + " inputs to " + obsDim + " changes (and a reward)");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        if (chunk < 1 || chunk > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk must be in [1, " + MAX_CHUNK + "], got " + chunk);
        }
        TransitionModel model = new TransitionModel(ensemble, obsDim, actDim, s.outDim() == obsDim + 1, new int[0],
                Math.min(ELITES, s.members()));
        this.chunk = Math.min(chunk, rows);
        this.env = new ModelEnv(model, new OpenEndedTask(obsDim, actDim), Propagation.RANDOM_ELITE, false,
                this.chunk, k, rng.child("sampling"));
        this.obsDim = obsDim;
        this.rows = rows;
        Rng data = rng.child("data");
        states = new float[rows * obsDim];
        actions = new float[rows * actDim];
        for (int i = 0; i < states.length; i++) {
            states[i] = (float) data.nextGaussian();
        }
        for (int i = 0; i < actions.length; i++) {
            actions[i] = (float) data.uniform(-1, 1);
        }
        next = new float[rows * obsDim];
        reward = new float[rows];
        terminated = new boolean[rows];
    }

    @Override
    public String name() {
        return "rollout";
    }

    @Override
    public void run() {
        env.step(states, actions, rows, next, reward, terminated);
    }

    /** The sampled next observations of the last call, {@code [rows, obsDim]} (live). */
    public float[] predictions() {
        return next;
    }

    /** The sampled rewards of the last call (live; zeros when the model does not learn them). */
    public float[] rewards() {
        return reward;
    }

    public int rows() {
        return rows;
    }

    public int chunk() {
        return chunk;
    }

    public int obsDim() {
        return obsDim;
    }
}
