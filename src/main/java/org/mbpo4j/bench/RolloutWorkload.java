package org.mbpo4j.bench;

import org.mbpo4j.model.GaussianHead;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

/**
 * {@code rollout}: one step of model rollouts for a fixed set of rows, as the PyTorch peer
 * ({@code shared/peer/torch_bench.py}, W2) times it: every row {@code (state, action)} goes through
 * all members of a {@link GaussianHead Gaussian} ensemble, chunk by chunk (every member sees all
 * rows of a chunk: one shared input), then each row takes a random member's prediction and
 * samples it, {@code mean + exp(lv / 2) * N(0, 1)} with the soft-bounded log-variance {@code lv}.
 * With the peer's ensemble ({@link ModelTrainWorkload.Shape#standard()}) the rows are 100,000
 * states of 11 dims with actions of 3 and the prediction has 12 dims (the peer reuses its
 * model-train ensemble, 14 -> 24).
 *
 * <p>Only the chosen member's mean and log-variance are turned into a sample (the peer samples
 * every member and then picks one; the result has the same distribution). Buffers are made
 * once: nothing is allocated per chunk with the Java-loop kernels.
 */
public final class RolloutWorkload implements Workload {
    /** State dimensions of the standard workload. */
    public static final int OBS = 11;
    /** Action dimensions of the standard workload. */
    public static final int ACT = 3;
    /** Rows per call in the standard workload. */
    public static final int ROWS = 100_000;
    /** The peer's default rows per chunk. */
    public static final int DEFAULT_CHUNK = 1_000;
    /** The peer's largest chunk. */
    public static final int MAX_CHUNK = 25_000;

    private final EnsembleMlp net;
    private final GaussianHead head;
    private final Kernels k;
    private final Rng rng;
    private final int obsDim;
    private final int actDim;
    private final int rows;
    private final int chunk;
    private final Workspace ws;
    private final Workspace tail;
    private final float[] states;
    private final float[] actions;
    private final float[] in;
    private final float[] out;
    private final float[] next;

    /**
     * @param net  the ensemble, input {@code obsDim + actDim}, output {@code 2 head.dim()}
     * @param rows rows per call
     * @param chunk rows per forward pass, 1 to {@link #MAX_CHUNK}
     */
    public RolloutWorkload(EnsembleMlp net, GaussianHead head, int obsDim, int actDim, int rows, int chunk,
                           Kernels k, Rng rng) {
        if (net.inDim() != obsDim + actDim || net.outDim() != 2 * head.dim()) {
            throw new IllegalArgumentException("ensemble " + net + " does not map " + obsDim + " + " + actDim
                    + " inputs to 2 x " + head.dim() + " outputs");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        if (chunk < 1 || chunk > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk must be in [1, " + MAX_CHUNK + "], got " + chunk);
        }
        this.net = net;
        this.head = head;
        this.k = k;
        this.rng = rng.child("sampling");
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.rows = rows;
        this.chunk = Math.min(chunk, rows);
        this.ws = net.workspace(this.chunk, true);
        int rest = rows % this.chunk;
        this.tail = rest == 0 ? null : net.workspace(rest, true);
        Rng data = rng.child("data");
        states = new float[rows * obsDim];
        actions = new float[rows * actDim];
        for (int i = 0; i < states.length; i++) {
            states[i] = (float) data.nextGaussian();
        }
        for (int i = 0; i < actions.length; i++) {
            actions[i] = (float) data.uniform(-1, 1);
        }
        in = new float[this.chunk * (obsDim + actDim)];
        out = new float[net.members() * this.chunk * net.outDim()];
        next = new float[rows * head.dim()];
    }

    @Override
    public String name() {
        return "rollout";
    }

    @Override
    public void run() {
        int inDim = obsDim + actDim;
        int dim = head.dim();
        int width = 2 * dim;
        int members = net.members();
        for (int s = 0; s < rows; s += chunk) {
            int n = Math.min(chunk, rows - s);
            Workspace w = n == chunk ? ws : tail;
            for (int r = 0; r < n; r++) {
                System.arraycopy(states, (s + r) * obsDim, in, r * inDim, obsDim);
                System.arraycopy(actions, (s + r) * actDim, in, r * inDim + obsDim, actDim);
            }
            k.write(in, 0, w.input());
            net.forward(w, k);
            k.read(w.output(), out, 0);
            for (int r = 0; r < n; r++) {
                int e = rng.nextInt(members);
                int o = (e * n + r) * width;
                int d = (s + r) * dim;
                for (int j = 0; j < dim; j++) {
                    double lv = head.logVar(out[o + dim + j], j);
                    next[d + j] = (float) (out[o + j] + Math.exp(0.5 * lv) * rng.nextGaussian());
                }
            }
        }
    }

    /** The sampled predictions of the last call, {@code [rows, head.dim()]} (live). */
    public float[] predictions() {
        return next;
    }

    public int rows() {
        return rows;
    }

    public int chunk() {
        return chunk;
    }
}
