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
 * Matrix multiplies are ND4J's in both paths (OpenBLAS or cuBLAS).
 *
 * <p>Layouts: {@code z} and {@code a} are {@code [members, rows, cols]} row-major;
 * {@code bias} is {@code [members, cols]}.
 */
public interface Kernels {

    /** {@code cpu} or {@code nd4j}. */
    String name();

    /** {@code z += bias} (broadcast over rows), then {@code a = act(z)}. */
    void biasActivation(Block z, Block bias, int members, int rows, int cols, Activation act, Block a);

    /** {@code g *= act'(z)} element-wise, where {@code a = act(z)}. */
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

    /** The Java-loop kernels (default on CPU). */
    static Kernels cpu() {
        return CpuKernels.INSTANCE;
    }

    /** The all-ND4J kernels (the path that runs on CUDA). */
    static Kernels nd4j() {
        return new Nd4jKernels();
    }
}
