import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.mbpo4j.nn.Lanes;

/**
 * The machine's single-precision product peak through the OpenBLAS that mbpo4j calls (the one
 * ND4J bundles), for floor.py: GFLOP/s of one-thread cblas_sgemm on large square matrices and
 * on the shapes MBPO's Hopper runs use, on one lane and on every lane at once (mbpo4j keeps BLAS
 * on one thread and spreads its products over the cores in Java lanes; nn.Lanes).
 *
 *   OPENBLAS_CORETYPE=SKYLAKEX java -cp target/mbpo4j.jar benchmarks/mbpo-mujoco/GemmPeak.java
 */
public class GemmPeak {
    public static void main(String[] args) {
        Lanes.singleThreadBlas();
        int lanes = Lanes.count();
        int[][] shapes = {
            {2048, 2048, 2048},  // large: the peak
            {1792, 200, 200},    // a model step's hidden layer: 7 members x 256 rows, 200 x 200
            {256, 256, 256},     // a SAC update's hidden layer
        };
        for (int n : new int[] {1, lanes}) {
            for (int[] s : shapes) {
                double[] each = new double[n];
                Lanes.run(n, lane -> each[lane] = gflops(s[0], s[1], s[2]));
                double sum = 0;
                for (double g : each) {
                    sum += g;
                }
                System.out.printf("lanes %d  %4d x %4d x %4d  %6.1f GFLOP/s%n", n, s[0], s[1], s[2], sum);
            }
        }
    }

    static double gflops(int m, int n, int k) {
        FloatPointer a = new FloatPointer((long) m * k);
        FloatPointer b = new FloatPointer((long) k * n);
        FloatPointer c = new FloatPointer((long) m * n);
        for (long i = 0; i < (long) m * k; i++) {
            a.put(i, (float) Math.sin(i));
        }
        for (long i = 0; i < (long) k * n; i++) {
            b.put(i, (float) Math.cos(i));
        }
        double flop = 2.0 * m * n * k;
        int reps = (int) Math.max(3, 4e9 / flop);  // ~4 GFLOP per timing
        double best = 0;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        openblas_nolapack.CblasNoTrans, m, n, k, 1f, a, k, b, n, 0f, c, n);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (round > 0) {
                best = Math.max(best, flop * reps / s / 1e9);
            }
        }
        a.close();
        b.close();
        c.close();
        return best;
    }
}
