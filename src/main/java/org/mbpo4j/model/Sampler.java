package org.mbpo4j.model;

import java.util.ArrayList;
import java.util.List;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Lanes;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

/**
 * The batched sampling behind {@link TransitionModel#sample}: rows are grouped by the member
 * they use, and each member runs only on its own rows ({@link EnsembleMlp#forwardMember}), so
 * a step of MBPO's random-elite propagation costs one member's forward pass per row instead of
 * all seven (PyTorch ports compute every member and then pick one; the result has the same
 * distribution). Rows go through in pieces of at most {@code chunk}; the workspaces form a
 * ladder of sizes {@code chunk, chunk/2, ...} so that a member's last piece wastes little.
 *
 * <p>Pieces are independent, so they are shared out over the kernels' {@link Kernels#lanes()
 * lanes} (the CPU's cores, see {@link Lanes}); with several lanes, pieces are cut small enough
 * that there are about {@value #PIECES_PER_LANE} per lane. Each lane has its own buffers. The
 * Gaussian noise of row {@code r}, output {@code j} is {@link Rng#gaussianAt}{@code (stream,
 * r * outDim + j)} with one {@code stream} drawn per call, so the samples do not depend on how
 * rows were cut into pieces or which lane ran them. Nothing is allocated per call with the
 * Java-loop kernels, beyond the piece plan's growth.
 */
final class Sampler {
    /** The smallest workspace of the ladder (or the chunk, when smaller). */
    static final int MIN_PIECE = 32;
    /** With several lanes, pieces are cut to about this many per lane (for balance). */
    static final int PIECES_PER_LANE = 4;

    final int chunk;
    private final TransitionModel model;
    private final EnsembleMlp net;
    private final GaussianHead head;
    private final int[] ladderSizes;
    private Lane[] lanes = new Lane[0];
    private int[] order = new int[0];
    private final int[] start;
    private int[] pieceMember = new int[0];
    private int[] pieceStart = new int[0];
    private int[] pieceRows = new int[0];
    private int[] pieceRung = new int[0];
    /** Whether this call's rows repeat others; then {@link #repeatOf} lists them by source. */
    private boolean repeats;
    private int[] repeatStart = new int[0];
    private int[] repeatOf = new int[0];

    Sampler(TransitionModel model, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1 rows, got " + chunk);
        }
        this.chunk = chunk;
        this.model = model;
        this.net = model.ensemble().net();
        this.head = model.ensemble().head();
        List<Integer> sizes = new ArrayList<>();
        for (int s = chunk; ; s /= 2) {
            sizes.add(s);
            if (s / 2 < MIN_PIECE) {
                break;
            }
        }
        this.ladderSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
        this.start = new int[net.members() + 1];
    }

    /** One lane's buffers: its workspaces (the ladder), input and output rows, accumulators. */
    private final class Lane {
        final Workspace[] ladder = new Workspace[ladderSizes.length];
        final float[] in = new float[chunk * model.inDim()];
        final float[] out = new float[chunk * 2 * model.outDim()];
        double[] accMu;
        double[] accLv;
        final double[] p = new double[model.outDim()];
        final double[] sd = new double[model.outDim()];
        final double[] stdScale = new double[model.outDim()];
        final double[] stdSpread = new double[model.outDim()];

        Workspace rung(int i) {
            if (ladder[i] == null) {
                ladder[i] = net.memberWorkspace(ladderSizes[i]);
            }
            return ladder[i];
        }
    }

    /** The ladder rung to use for {@code remaining} rows: the largest it fills, or the smallest. */
    private int pick(int remaining) {
        for (int i = 0; i < ladderSizes.length; i++) {
            if (ladderSizes[i] <= remaining) {
                return i;
            }
        }
        return ladderSizes.length - 1;
    }

    void sample(float[] obs, float[] act, int n, int[] members, int[] source, boolean deterministic, Rng rng,
                Kernels k, float[] nextObs, float[] reward) {
        if (n < 0 || obs.length < n * model.obsDim() || act.length < n * model.actDim()
                || nextObs.length < n * model.obsDim() || (reward != null && reward.length < n)) {
            throw new IllegalArgumentException("arrays too short for " + n + " rows");
        }
        int laneCount = Math.max(1, k.lanes());
        if (lanes.length < laneCount) {
            Lane[] grown = java.util.Arrays.copyOf(lanes, laneCount);
            for (int i = lanes.length; i < laneCount; i++) {
                grown[i] = new Lane();
            }
            lanes = grown;
        }
        // A piece never exceeds the chunk; with several lanes, pieces shrink so that each lane gets several.
        int cap = laneCount == 1 ? chunk
                : Math.max(MIN_PIECE, Math.min(chunk, ceilDiv(n, laneCount * PIECES_PER_LANE)));
        long stream = deterministic ? 0 : rng.nextLong();
        if (source != null) {
            if (members == null) {
                throw new IllegalArgumentException("rows that repeat others (source) need a member per row");
            }
            groupRepeats(n, members, source);
        }
        this.repeats = source != null;
        if (members == null) {
            int pieces = planRows(n, cap);
            Lanes.forEachPiece(pieces, laneCount, (lane, q) ->
                    eliteMeanPiece(lanes[lane], q, obs, act, deterministic, stream, k, nextObs, reward));
        } else {
            int pieces = planMembers(n, members, source, cap);
            Lanes.forEachPiece(pieces, laneCount, (lane, q) ->
                    memberPiece(lanes[lane], q, obs, act, deterministic, stream, k, nextObs, reward));
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private void growPieces(int pieces) {
        if (pieceStart.length < pieces) {
            int len = Math.max(pieces, 2 * pieceStart.length);
            pieceMember = java.util.Arrays.copyOf(pieceMember, len);
            pieceStart = java.util.Arrays.copyOf(pieceStart, len);
            pieceRows = java.util.Arrays.copyOf(pieceRows, len);
            pieceRung = java.util.Arrays.copyOf(pieceRung, len);
        }
    }

    private int addPiece(int pieces, int member, int pos, int remaining, int cap) {
        growPieces(pieces + 1);
        int rung = pick(Math.min(remaining, cap));
        pieceMember[pieces] = member;
        pieceStart[pieces] = pos;
        pieceRows[pieces] = Math.min(ladderSizes[rung], remaining);
        pieceRung[pieces] = rung;
        return pieceRows[pieces];
    }

    /**
     * Checks {@code source} and lists each distinct row's repeats ({@link #repeatOf} from
     * {@link #repeatStart}): the rows whose source is {@code u}, {@code u} among them, in row order.
     */
    private void groupRepeats(int n, int[] members, int[] source) {
        if (source.length < n || members.length < n) {
            throw new IllegalArgumentException("need a source and a member for each of " + n + " rows");
        }
        if (repeatStart.length < n + 1) {
            repeatStart = new int[n + 1];
            repeatOf = new int[n];
        }
        java.util.Arrays.fill(repeatStart, 0, n + 1, 0);
        for (int r = 0; r < n; r++) {
            int u = source[r];
            if (u < 0 || u >= n || source[u] != u || members[u] != members[r]) {
                throw new IllegalArgumentException("row " + r + " repeats row " + u + ", which must be in [0, " + n
                        + "), its own source and on the same member");
            }
            repeatStart[u + 1]++;
        }
        for (int r = 0; r < n; r++) {
            repeatStart[r + 1] += repeatStart[r];
        }
        int[] fill = java.util.Arrays.copyOf(repeatStart, n);
        for (int r = 0; r < n; r++) {
            repeatOf[fill[source[r]]++] = r;
        }
    }

    /** Groups rows by member ({@link #order}; with {@code source}, distinct rows only) and cuts each member's rows into pieces. */
    private int planMembers(int n, int[] members, int[] source, int cap) {
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
            if (source == null || source[r] == r) {
                start[e + 1]++;
            }
        }
        for (int e = 0; e < m; e++) {
            start[e + 1] += start[e];
        }
        if (order.length < n) {
            order = new int[n];
        }
        int[] fill = start.clone();
        for (int r = 0; r < n; r++) {
            if (source == null || source[r] == r) {
                order[fill[members[r]]++] = r;
            }
        }
        int pieces = 0;
        for (int e = 0; e < m; e++) {
            for (int pos = start[e]; pos < start[e + 1]; pieces++) {
                pos += addPiece(pieces, e, pos, start[e + 1] - pos, cap);
            }
        }
        return pieces;
    }

    /** Cuts rows {@code 0 .. n-1}, in order, into pieces (every elite runs on every piece). */
    private int planRows(int n, int cap) {
        int pieces = 0;
        for (int pos = 0; pos < n; pieces++) {
            pos += addPiece(pieces, -1, pos, n - pos, cap);
        }
        return pieces;
    }

    private void memberPiece(Lane lane, int q, float[] obs, float[] act, boolean deterministic, long stream,
                             Kernels k, float[] nextObs, float[] reward) {
        int inDim = model.inDim();
        int outDim = model.outDim();
        int w = 2 * outDim;
        int e = pieceMember[q];
        int pos = pieceStart[q];
        int rows = pieceRows[q];
        Workspace ws = lane.rung(pieceRung[q]);
        for (int i = 0; i < rows; i++) {
            model.input(obs, act, order[pos + i], lane.in, i * inDim);
        }
        k.write(lane.in, 0, ws.input());
        net.forwardMember(ws, e, k);
        k.read(ws.output(), lane.out, 0);
        double[] p = lane.p;
        float[] out = lane.out;
        double[] sd = lane.sd;
        head.stdConstants(lane.stdScale, lane.stdSpread);
        for (int i = 0; i < rows; i++) {
            int row = order[pos + i];
            int o = i * w;
            for (int j = 0; j < outDim; j++) {
                sd[j] = deterministic ? 0 : head.std(out[o + outDim + j], j, lane.stdScale, lane.stdSpread);
            }
            int first = repeats ? repeatStart[row] : 0;
            int last = repeats ? repeatStart[row + 1] : 1;
            for (int d = first; d < last; d++) { // the row and the rows that repeat it
                int r = repeats ? repeatOf[d] : row;
                for (int j = 0; j < outDim; j++) {
                    double mu = out[o + j];
                    p[j] = deterministic ? mu : mu + sd[j] * Rng.gaussianAt(stream, (long) r * outDim + j);
                }
                model.toEnvUnits(obs, r, p, nextObs, reward);
            }
        }
    }

    private void eliteMeanPiece(Lane lane, int q, float[] obs, float[] act, boolean deterministic, long stream,
                                Kernels k, float[] nextObs, float[] reward) {
        int[] elites = model.elites();
        int inDim = model.inDim();
        int outDim = model.outDim();
        int w = 2 * outDim;
        double inv = 1.0 / elites.length;
        int pos = pieceStart[q];
        int rows = pieceRows[q];
        if (lane.accMu == null) {
            lane.accMu = new double[chunk * outDim];
            lane.accLv = new double[chunk * outDim];
        }
        double[] accMu = lane.accMu;
        double[] accLv = lane.accLv;
        Workspace ws = lane.rung(pieceRung[q]);
        for (int i = 0; i < rows; i++) {
            model.input(obs, act, pos + i, lane.in, i * inDim);
        }
        k.write(lane.in, 0, ws.input());
        java.util.Arrays.fill(accMu, 0, rows * outDim, 0);
        java.util.Arrays.fill(accLv, 0, rows * outDim, 0);
        float[] out = lane.out;
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
        double[] p = lane.p;
        for (int i = 0; i < rows; i++) {
            int row = pos + i;
            for (int j = 0; j < outDim; j++) {
                double mu = accMu[i * outDim + j] * inv;
                p[j] = deterministic ? mu : mu + Math.exp(0.5 * accLv[i * outDim + j] * inv)
                        * Rng.gaussianAt(stream, (long) row * outDim + j);
            }
            model.toEnvUnits(obs, row, p, nextObs, reward);
        }
    }
}
