package org.mbpo4j.nn;

import static org.mbpo4j.nn.OffHeap.get;
import static org.mbpo4j.nn.OffHeap.put;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * {@link Kernels} as plain Java loops over the off-heap buffers: no ND4J op, no allocation.
 * Each loop is written once per activation with the activation chosen outside it, so the JIT
 * compiles tight loops (a per-element dispatch took over half of a SAC update).
 */
final class CpuKernels implements Kernels {
    static final CpuKernels INSTANCE = new CpuKernels();

    private CpuKernels() {
        // every product on one thread, the lanes the only parallelism (see Lanes)
        Lanes.singleThreadBlas();
    }

    @Override
    public String name() {
        return "cpu";
    }

    /** {@inheritDoc} Every core: {@link Lanes#count()}. */
    @Override
    public int lanes() {
        return Lanes.count();
    }

    /** {@inheritDoc} OpenBLAS's {@code cblas_sgemm} on the blocks' host memory, called directly. */
    @Override
    public void gemm(Block a, boolean transA, Block b, boolean transB, Block c, double beta) {
        int[] mnk = Kernels.gemmShape(a, transA, b, transB, c);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                mnk[0], mnk[1], mnk[2], 1f, a.pointer(), a.cols(), b.pointer(), b.cols(), (float) beta,
                c.pointer(), c.cols());
    }

    /**
     * {@inheritDoc} Only SiLU's gradient reads the pre-activation, so only SiLU writes
     * {@code z + bias} back; ReLU's and tanh's gradients read the output {@code a}.
     */
    @Override
    public void biasActivation(Block z, Block bias, int members, int rows, int cols, Activation act, Block a) {
        switch (act) {
            case SILU -> siluRows(z, bias, members, rows, cols, a, true);
            case RELU -> reluRows(z, bias, members, rows, cols, a);
            default -> {
                for (int e = 0; e < members; e++) {
                    long b = bias.address() + 4L * e * cols;
                    for (int r = 0; r < rows; r++) {
                        long zr = z.address() + 4L * (e * rows + r) * cols;
                        long ar = a.address() + 4L * (e * rows + r) * cols;
                        switch (act) {
                            case IDENTITY -> identityRow(zr, b, ar, cols);
                            case TANH -> tanhRow(zr, b, ar, cols);
                            default -> throw new IllegalArgumentException("unsupported activation " + act);
                        }
                    }
                }
            }
        }
    }

    /** {@inheritDoc} SiLU leaves {@code z} as it was: nothing reads its sigmoid without a backward pass. */
    @Override
    public void biasActivationInference(Block z, Block bias, int members, int rows, int cols, Activation act,
                                        Block a) {
        if (act == Activation.SILU) {
            siluRows(z, bias, members, rows, cols, a, false);
        } else {
            biasActivation(z, bias, members, rows, cols, act, a);
        }
    }

    /**
     * ReLU over segments of rows copied to Java arrays, against the bias repeated for each row of
     * a segment: one loop of {@code Math.max(z + bias, 0f)}, which vectorises over Java arrays
     * (0.07 ns per element, against 0.3 for the earlier add, copy-to-bits and mask passes) and
     * lets NaNs through, as a diverging network must show.
     */
    private static void reluRows(Block z, Block bias, int members, int rows, int cols, Block a) {
        int group = rowGroup(rows, cols);
        float[][] s = rowScratch(group, cols);
        float[] v = s[0];
        float[] b = s[2];
        for (int e = 0; e < members; e++) {
            for (int i = 0; i < group; i++) {
                OffHeap.read(bias.address() + 4L * e * cols, b, i * cols, cols);
            }
            for (int r = 0; r < rows; r += group) {
                int g = Math.min(group, rows - r);
                int n = g * cols;
                OffHeap.read(z.address() + 4L * (e * rows + r) * cols, v, 0, n);
                for (int i = 0; i < n; i++) {
                    v[i] = Math.max(v[i] + b[i], 0f);
                }
                OffHeap.write(v, 0, a.address() + 4L * (e * rows + r) * cols, n);
            }
        }
    }

    /** Rows per segment of the row-wise loops: as many whole rows as fit {@link #SEGMENT}, at least one. */
    private static int rowGroup(int rows, int cols) {
        return Math.max(1, Math.min(rows, SEGMENT / cols));
    }

    /** This thread's scratch, grown to hold {@code group} rows of {@code cols} (arrays 0-3) and one row (array 4). */
    private static float[][] rowScratch(int group, int cols) {
        float[][] s = SCRATCH.get();
        if (s[0].length < group * cols || s[4].length < cols) {
            growScratch(group * cols, cols);
        }
        return s;
    }

    private static void growScratch(int segment, int cols) {
        float[][] s = SCRATCH.get();
        for (int i = 0; i < 4; i++) {
            s[i] = new float[Math.max(segment, s[i].length)];
        }
        s[4] = new float[Math.max(cols, s[4].length)];
        int[][] x = BITS.get();
        for (int i = 0; i < 2; i++) {
            x[i] = new int[Math.max(segment, Math.max(SEGMENT, x[i].length))];
        }
    }

    private static void identityRow(long z, long b, long a, int cols) {
        for (int c = 0; c < cols; c++) {
            long o = 4L * c;
            float v = get(z + o) + get(b + o);
            put(a + o, v);
        }
    }

    private static void tanhRow(long z, long b, long a, int cols) {
        for (int c = 0; c < cols; c++) {
            long o = 4L * c;
            float v = get(z + o) + get(b + o);
            put(a + o, (float) Math.tanh(v));
        }
    }

    /** Floats per SiLU segment: a few rows, small enough to stay in L1. */
    private static final int SEGMENT = 1024;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[5][0]);
    /** Raw float bits, for the ReLU loops that vectorise on ints: a segment and its mask. */
    private static final ThreadLocal<int[][]> BITS = ThreadLocal.withInitial(() -> new int[2][0]);

    /**
     * SiLU over whole segments of rows, copied to Java arrays: the JIT vectorises loops over
     * Java arrays but not over native addresses. Each segment is one loop,
     * {@link FastMath#silu} (bias, sigmoid, product), against the bias repeated for each of
     * its rows. {@code a = v sigmoid(v)}.
     * What it leaves in {@code z} is {@code sigmoid(v)}, not {@code v}: all that
     * {@link #activationGrad} needs, {@code f'(v) = s + a (1 - s)}, without a division or a
     * zero test in the backward loop.
     */
    private static void siluRows(Block z, Block bias, int members, int rows, int cols, Block a,
                                 boolean keepSigmoid) {
        int group = rowGroup(rows, cols);
        float[][] s = rowScratch(group, cols);
        float[] v = s[0];
        float[] sig = s[1];
        float[] w = s[3];
        float[] b = s[2];
        for (int e = 0; e < members; e++) {
            // the member's bias repeated for each row of a segment, so that one loop covers it
            for (int i = 0; i < group; i++) {
                OffHeap.read(bias.address() + 4L * e * cols, b, i * cols, cols);
            }
            for (int r = 0; r < rows; r += group) {
                int g = Math.min(group, rows - r);
                int n = g * cols;
                long zr = z.address() + 4L * (e * rows + r) * cols;
                long ar = a.address() + 4L * (e * rows + r) * cols;
                OffHeap.read(zr, v, 0, n);
                if (keepSigmoid) {
                    FastMath.silu(v, b, n, sig, w);
                    OffHeap.write(sig, 0, zr, n);
                } else {
                    FastMath.silu(v, b, n, w);
                }
                OffHeap.write(w, 0, ar, n);
            }
        }
    }

    @Override
    public void activationGrad(Block g, Block z, Block a, Activation act) {
        long gp = g.address();
        long zp = z.address();
        long ap = a.address();
        int n = g.length();
        switch (act) {
            case IDENTITY -> {
            }
            case RELU -> reluGrad(gp, ap, n);
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    long o = 4L * i;
                    float ai = get(ap + o);
                    put(gp + o, get(gp + o) * (1f - ai * ai));
                }
            }
            case SILU -> siluGrad(gp, zp, ap, n);
            default -> throw new IllegalArgumentException("unsupported activation " + act);
        }
    }

    /**
     * {@code g *= (a > 0)} on raw bits, branch-free: {@code a = relu(z)} is {@code +0} or
     * positive, so {@code a > 0} exactly when its bits are non-zero (a branch mispredicts on half
     * the elements: 6 ns each). In segments of int arrays the loop vectorises: 0.13 ns per
     * element against 0.41 over native addresses.
     */
    private static void reluGrad(long gp, long ap, int n) {
        int[][] bits = BITS.get();
        if (bits[0].length < SEGMENT) {
            growScratch(SEGMENT, 1);
            bits = BITS.get();
        }
        int[] g = bits[0];
        int[] m = bits[1];
        for (int s = 0; s < n; s += SEGMENT) {
            int len = Math.min(SEGMENT, n - s);
            OffHeap.readBits(gp + 4L * s, g, len);
            OffHeap.readBits(ap + 4L * s, m, len);
            for (int i = 0; i < len; i++) {
                int ab = m[i];
                g[i] &= -((ab | -ab) >>> 31);
            }
            OffHeap.writeBits(g, gp + 4L * s, len);
        }
    }

    /**
     * {@code g *= f'(v) = s + a (1 - s)}, with {@code s = sigmoid(v)} left in {@code z} by
     * {@link #siluRows} and {@code a = v s}; in segments of Java arrays, where it vectorises.
     */
    private static void siluGrad(long gp, long sp, long ap, int n) {
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < SEGMENT) {
            growScratch(SEGMENT, 1);
        }
        float[] g = scratch[0];
        float[] sig = scratch[1];
        float[] a = scratch[2];
        for (int s = 0; s < n; s += SEGMENT) {
            int len = Math.min(SEGMENT, n - s);
            OffHeap.read(gp + 4L * s, g, 0, len);
            OffHeap.read(sp + 4L * s, sig, 0, len);
            OffHeap.read(ap + 4L * s, a, 0, len);
            for (int i = 0; i < len; i++) {
                g[i] *= sig[i] + a[i] * (1f - sig[i]);
            }
            OffHeap.write(g, 0, gp + 4L * s, len);
        }
    }

    /**
     * {@inheritDoc} Each member's rows are added into a Java array of column sums, row after
     * row, in segments of rows copied from native memory: the loop vectorises across columns,
     * and every column is still summed in row order, as one loop over native addresses did.
     */
    @Override
    public void columnSums(Block g, int members, int rows, int cols, Block db, boolean accumulate) {
        int group = rowGroup(rows, cols);
        float[][] s = rowScratch(group, cols);
        float[] v = s[0];
        float[] sum = s[4];
        for (int e = 0; e < members; e++) {
            long d = db.address() + 4L * e * cols;
            if (accumulate) {
                OffHeap.read(d, sum, 0, cols);
            } else {
                java.util.Arrays.fill(sum, 0, cols, 0f);
            }
            for (int r = 0; r < rows; r += group) {
                int n = Math.min(group, rows - r);
                OffHeap.read(g.address() + 4L * (e * rows + r) * cols, v, 0, n * cols);
                for (int i = 0; i < n; i++) {
                    int off = i * cols;
                    for (int c = 0; c < cols; c++) {
                        sum[c] += v[off + c];
                    }
                }
            }
            OffHeap.write(sum, 0, d, cols);
        }
    }

    /**
     * {@inheritDoc} Split over the lanes ({@link Lanes#forRanges}), each range in segments of
     * Java arrays, where the loop vectorises; each element's arithmetic is that of a plain loop.
     */
    @Override
    public void axpy(Block y, double alpha, Block x) {
        float al = (float) alpha;
        Lanes.forRanges(y.length(), (from, to) -> segments(y, x, from, to, (ya, xa, n) -> {
            for (int i = 0; i < n; i++) {
                ya[i] = ya[i] + al * xa[i];
            }
        }));
    }

    /** An element-wise update of {@code dst} from {@code src}, on heap copies of {@code n} elements. */
    @FunctionalInterface
    private interface PairLoop {
        void run(float[] dst, float[] src, int n);
    }

    /** Runs {@code loop} over {@code [from, to)} of {@code dst} and {@code src} in L1-sized heap segments, writing {@code dst} back. */
    private static void segments(Block dst, Block src, int from, int to, PairLoop loop) {
        float[][] s = ADAM_SCRATCH.get();
        float[] da = s[0];
        float[] sa = s[1];
        for (int at = from; at < to; at += da.length) {
            int len = Math.min(da.length, to - at);
            long dp = dst.address() + 4L * at;
            OffHeap.read(dp, da, 0, len);
            OffHeap.read(src.address() + 4L * at, sa, 0, len);
            loop.run(da, sa, len);
            OffHeap.write(da, 0, dp, len);
        }
    }

    /** Per-thread heap copies for Adam, whose loop vectorises on arrays (not on raw addresses). */
    private static final ThreadLocal<float[][]> ADAM_SCRATCH = ThreadLocal.withInitial(() -> new float[4][SEGMENT * 4]);

    /**
     * {@inheritDoc} In segments that stay in the L1 cache: the four arrays of a 7-member
     * ensemble (900k parameters) are 14 MB, and copying them whole to the heap and back cost
     * more than the arithmetic. The segments are split over the lanes ({@link Lanes#forRanges}).
     */
    @Override
    public void adam(Block p, Block g, Block m, Block v, double lr, double beta1, double beta2, double eps, long t) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float stepSize = (float) (lr / (1.0 - Math.pow(beta1, t)));
        float invSqrtBc2 = (float) (1.0 / Math.sqrt(1.0 - Math.pow(beta2, t)));
        float e = (float) eps;
        Lanes.forRanges(p.length(), (lo, hi) -> adamRange(p, g, m, v, b1, b2, stepSize, invSqrtBc2, e, lo, hi));
    }

    private static void adamRange(Block p, Block g, Block m, Block v, float b1, float b2, float stepSize,
                                  float invSqrtBc2, float e, int lo, int hi) {
        float[][] s = ADAM_SCRATCH.get();
        float[] pa = s[0];
        float[] ga = s[1];
        float[] ma = s[2];
        float[] va = s[3];
        int seg = pa.length;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        for (int from = lo; from < hi; from += seg) {
            int len = Math.min(seg, hi - from);
            long po = p.address() + 4L * from;
            long mo = m.address() + 4L * from;
            long vo = v.address() + 4L * from;
            OffHeap.read(po, pa, 0, len);
            OffHeap.read(g.address() + 4L * from, ga, 0, len);
            OffHeap.read(mo, ma, 0, len);
            OffHeap.read(vo, va, 0, len);
            for (int i = 0; i < len; i++) {
                float gi = ga[i];
                float mi = b1 * ma[i] + c1 * gi;
                float vi = b2 * va[i] + c2 * gi * gi;
                ma[i] = mi;
                va[i] = vi;
                pa[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + e);
            }
            OffHeap.write(ma, 0, mo, len);
            OffHeap.write(va, 0, vo, len);
            OffHeap.write(pa, 0, po, len);
        }
    }

    /** {@inheritDoc} As {@link #axpy}: split over the lanes, in heap segments; each element's arithmetic is that of a plain loop. */
    @Override
    public void polyak(Block target, Block source, double tau) {
        float t = (float) tau;
        float keep = 1f - t;
        Lanes.forRanges(target.length(), (from, to) -> segments(target, source, from, to, (ta, sa, n) -> {
            for (int i = 0; i < n; i++) {
                ta[i] = keep * ta[i] + t * sa[i];
            }
        }));
    }

    @Override
    public void read(Block src, float[] dst, int dstOff) {
        src.buffer().get(src.offset(), dst, dstOff, src.length());
    }

    @Override
    public void write(float[] src, int srcOff, Block dst) {
        dst.buffer().put(dst.offset(), src, srcOff, dst.length());
    }
}
