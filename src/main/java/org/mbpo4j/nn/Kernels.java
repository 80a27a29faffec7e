package org.mbpo4j.nn;

/**
 * The element-wise steps of training and inference, behind one small interface with two
 * implementations that are tested against each other:
 * <ul>
 *   <li>{@link CpuKernels}: Java loops directly over the off-heap buffers. On CPUs libnd4j's
 *       element-wise ops cost 2-6 ns per element plus 6-22 us per call; a Java loop is several
 *       times faster, and allocates nothing.</li>
 *   <li>{@link Nd4jKernels}: the same steps as ND4J ops only, the portable path that runs on
 *       CUDA, where a Java loop over device memory would be wrong.</li>
 * </ul>
 * Matrix multiplies ({@link #gemm}) are BLAS in both paths: {@link CpuKernels} calls OpenBLAS
 * directly (ND4J's {@code Nd4j.gemm} adds 30-40 us and some garbage per call, as much as a
 * 256 x 256 x 256 product's tenth), {@link Nd4jKernels} goes through ND4J (OpenBLAS or cuBLAS).
 *
 * <p>Layouts: {@code z} and {@code a} are {@code [members, rows, cols]} row-major;
 * {@code bias} is {@code [members, cols]}.
 */
public interface Kernels {

    /** {@code cpu} or {@code nd4j}. */
    String name();

    /** Checks the shapes of {@link #gemm}'s operands; returns {@code {m, n, k}}. */
    static int[] gemmShape(Block a, boolean transA, Block b, boolean transB, Block c) {
        if (a.rows() < 0 || b.rows() < 0 || c.rows() < 0) {
            throw new IllegalArgumentException("gemm needs 2-D blocks, got " + a.nd().shapeInfoToString() + " x "
                    + b.nd().shapeInfoToString() + " -> " + c.nd().shapeInfoToString());
        }
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes do not match: op(a) " + m + "x" + k + ", op(b) " + kb
                    + "x" + n + ", c " + c.rows() + "x" + c.cols());
        }
        return new int[] {m, n, k};
    }

    /**
     * {@code c = op(a) op(b) + beta c}, where {@code op} transposes when asked; {@code a},
     * {@code b} and {@code c} are 2-D row-major blocks of matching shapes.
     *
     * @throws IllegalArgumentException if a block is not 2-D or the shapes do not match
     */
    void gemm(Block a, boolean transA, Block b, boolean transB, Block c, double beta);

    /**
     * {@code z += bias} (broadcast over rows), then {@code a = act(z)}. Afterwards {@code z}
     * holds what this implementation's {@link #activationGrad} needs: {@code z + bias}, except
     * that {@link CpuKernels} keeps {@code sigmoid(z + bias)} there for SiLU. Only
     * {@code activationGrad} of the same implementation may read it.
     */
    void biasActivation(Block z, Block bias, int members, int rows, int cols, Activation act, Block a);

    /**
     * {@link #biasActivation} for inference, when no backward pass follows: {@code a} is the
     * same, {@code z} may be left holding anything. The CPU kernels skip SiLU's write-back.
     */
    default void biasActivationInference(Block z, Block bias, int members, int rows, int cols, Activation act,
                                         Block a) {
        biasActivation(z, bias, members, rows, cols, act, a);
    }

    /** {@code g *= act'(z)} element-wise, where {@code a = act(z)}; {@code z} as {@link #biasActivation} left it. */
    void activationGrad(Block g, Block z, Block a, Activation act);

    /** {@code db = sum over rows of g} per member, or {@code db +=} that when accumulating. */
    void columnSums(Block g, int members, int rows, int cols, Block db, boolean accumulate);

    /** {@code y += alpha * x}. */
    void axpy(Block y, double alpha, Block x);

    /**
     * One Adam step as PyTorch takes it: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
     * {@code p -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}; {@code t} counts from 1.
     */
    void adam(Block p, Block g, Block m, Block v, double lr, double beta1, double beta2, double eps, long t);

    /** Polyak averaging: {@code target = (1 - tau) target + tau source}. */
    void polyak(Block target, Block source, double tau);

    /**
     * Copies {@code src} into {@code dst[dstOff ..]}: how small per-row results (losses, heads)
     * come back to Java. The ND4J path goes through ND4J, so it stays correct on a GPU.
     */
    void read(Block src, float[] dst, int dstOff);

    /** Copies {@code src[srcOff .. srcOff + dst.length())} into {@code dst}. */
    void write(float[] src, int srcOff, Block dst);

    /**
     * How many independent pieces of work (see {@link Lanes}) these kernels can run at once:
     * the CPU kernels use every core, the ND4J kernels one lane (a GPU parallelises inside).
     */
    default int lanes() {
        return 1;
    }

    /** The Java-loop kernels (default on CPU). */
    static Kernels cpu() {
        return CpuKernels.INSTANCE;
    }

    /** The all-ND4J kernels (the path that runs on CUDA). */
    static Kernels nd4j() {
        return new Nd4jKernels();
    }
}
