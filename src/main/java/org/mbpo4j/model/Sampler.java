package org.mbpo4j.model;

import java.util.ArrayList;
import java.util.List;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

/**
 * The batched sampling behind {@link TransitionModel#sample}: rows are grouped by the member
 * they use, and each member runs only on its own rows ({@link EnsembleMlp#forwardMember}), so
 * a step of MBPO's random-elite propagation costs one member's forward pass per row instead of
 * all seven (PyTorch ports compute every member and then pick one; the result has the same
 * distribution). Rows go through in pieces of at most {@code chunk}; the workspaces form a
 * ladder of sizes {@code chunk, chunk/2, ...} so that a member's last piece wastes little.
 * All buffers are made once; nothing is allocated per call with the Java-loop kernels.
 */
final class Sampler {
    /** The smallest workspace of the ladder (or the chunk, when smaller). */
    static final int MIN_PIECE = 32;

    final int chunk;
    private final TransitionModel model;
    private final EnsembleMlp net;
    private final GaussianHead head;
    private final Workspace[] ladder;
    private final float[] in;
    private final float[] out;
    private final double[] accMu;
    private final double[] accLv;
    private final double[] p;
    private int[] order = new int[0];
    private final int[] start;

    Sampler(TransitionModel model, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1 rows, got " + chunk);
        }
        this.chunk = chunk;
        this.model = model;
        this.net = model.ensemble().net();
        this.head = model.ensemble().head();
        List<Workspace> sizes = new ArrayList<>();
        for (int s = chunk; ; s /= 2) {
            sizes.add(net.memberWorkspace(s));
            if (s / 2 < MIN_PIECE) {
                break;
            }
        }
        this.ladder = sizes.toArray(new Workspace[0]);
        int outDim = model.outDim();
        this.in = new float[chunk * model.inDim()];
        this.out = new float[chunk * 2 * outDim];
        this.accMu = new double[chunk * outDim];
        this.accLv = new double[chunk * outDim];
        this.p = new double[outDim];
        this.start = new int[net.members() + 1];
    }

    /** The largest workspace that {@code remaining} rows fill, or the smallest one. */
    private Workspace pick(int remaining) {
        for (Workspace w : ladder) {
            if (w.batch() <= remaining) {
                return w;
            }
        }
        return ladder[ladder.length - 1];
    }

    void sample(float[] obs, float[] act, int n, int[] members, boolean deterministic, Rng rng, Kernels k,
                float[] nextObs, float[] reward) {
        if (n < 0 || obs.length < n * model.obsDim() || act.length < n * model.actDim()
                || nextObs.length < n * model.obsDim() || (reward != null && reward.length < n)) {
            throw new IllegalArgumentException("arrays too short for " + n + " rows");
        }
        if (members == null) {
            eliteMean(obs, act, n, deterministic, rng, k, nextObs, reward);
        } else {
            perMember(obs, act, n, members, deterministic, rng, k, nextObs, reward);
        }
    }

    private void perMember(float[] obs, float[] act, int n, int[] members, boolean deterministic, Rng rng,
                           Kernels k, float[] nextObs, float[] reward) {
        int m = net.members();
        if (members.length < n) {
            throw new IllegalArgumentException("need a member for each of " + n + " rows, got " + members.length);
        }
        java.util.Arrays.fill(start, 0);
        for (int r = 0; r < n; r++) {
            int e = members[r];
            if (e < 0 || e >= m) {
                throw new IllegalArgumentException("row " + r + " asks for member " + e + " of " + m);
            }
            start[e + 1]++;
        }
        for (int e = 0; e < m; e++) {
            start[e + 1] += start[e];
        }
        if (order.length < n) {
            order = new int[n];
        }
        int[] fill = start.clone();
        for (int r = 0; r < n; r++) {
            order[fill[members[r]]++] = r;
        }
        int inDim = model.inDim();
        int outDim = model.outDim();
        int w = 2 * outDim;
        for (int e = 0; e < m; e++) {
            for (int pos = start[e]; pos < start[e + 1]; ) {
                Workspace ws = pick(start[e + 1] - pos);
                int rows = Math.min(ws.batch(), start[e + 1] - pos);
                for (int i = 0; i < rows; i++) {
                    model.input(obs, act, order[pos + i], in, i * inDim);
                }
                k.write(in, 0, ws.input());
                net.forwardMember(ws, e, k);
                k.read(ws.output(), out, 0);
                for (int i = 0; i < rows; i++) {
                    int o = i * w;
                    for (int j = 0; j < outDim; j++) {
                        double mu = out[o + j];
                        p[j] = deterministic ? mu
                                : mu + Math.exp(0.5 * head.logVar(out[o + outDim + j], j)) * rng.nextGaussian();
                    }
                    model.toEnvUnits(obs, order[pos + i], p, nextObs, reward);
                }
                pos += rows;
            }
        }
    }

    private void eliteMean(float[] obs, float[] act, int n, boolean deterministic, Rng rng, Kernels k,
                           float[] nextObs, float[] reward) {
        int[] elites = model.elites();
        int inDim = model.inDim();
        int outDim = model.outDim();
        int w = 2 * outDim;
        double inv = 1.0 / elites.length;
        for (int pos = 0; pos < n; ) {
            Workspace ws = pick(n - pos);
            int rows = Math.min(ws.batch(), n - pos);
            for (int i = 0; i < rows; i++) {
                model.input(obs, act, pos + i, in, i * inDim);
            }
            k.write(in, 0, ws.input());
            java.util.Arrays.fill(accMu, 0, rows * outDim, 0);
            java.util.Arrays.fill(accLv, 0, rows * outDim, 0);
            for (int e : elites) {
                net.forwardMember(ws, e, k);
                k.read(ws.output(), out, 0);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < outDim; j++) {
                        accMu[i * outDim + j] += out[i * w + j];
                        accLv[i * outDim + j] += head.logVar(out[i * w + outDim + j], j);
                    }
                }
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < outDim; j++) {
                    double mu = accMu[i * outDim + j] * inv;
                    p[j] = deterministic ? mu
                            : mu + Math.exp(0.5 * accLv[i * outDim + j] * inv) * rng.nextGaussian();
                }
                model.toEnvUnits(obs, pos + i, p, nextObs, reward);
            }
            pos += rows;
        }
    }
}
