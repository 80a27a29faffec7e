package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mbpo4j.random.Rng;

/** The Java-loop kernels and the all-ND4J kernels give the same results, step for step. */
class KernelPathsTest {

    static void assertSame(Block a, Block b, String what) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        assertEquals(x.length, y.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], 1e-5f + 1e-5f * Math.abs(x[i]), what + " [" + i + "]");
        }
    }

    /** Both paths' gemm against a plain triple loop, for every transposition and both betas, on views with offsets. */
    @ParameterizedTest
    @CsvSource({"false,false,0", "true,false,0", "false,true,0", "true,true,0", "true,false,1", "false,true,0.5"})
    void gemmAgreesWithATripleLoop(boolean transA, boolean transB, double beta) {
        int m = 7;
        int n = 5;
        int k = 3;
        Rng rng = new Rng(3);
        Block pool = Block.allocate(200);
        for (int i = 0; i < pool.length(); i++) {
            pool.set(i, (float) rng.uniform(-1, 1));
        }
        Block a = transA ? pool.view(1, k, m) : pool.view(1, m, k);
        Block b = transB ? pool.view(30, n, k) : pool.view(30, k, n);
        float[] c0 = pool.view(60, m, n).toArray();
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int q = 0; q < k; q++) {
                    float av = transA ? a.get(q * m + i) : a.get(i * k + q);
                    float bv = transB ? b.get(j * k + q) : b.get(q * n + j);
                    sum += av * bv;
                }
                expected[i * n + j] = (float) (sum + beta * c0[i * n + j]);
            }
        }
        for (Kernels kernels : new Kernels[] {Kernels.cpu(), Kernels.nd4j()}) {
            Block c = Block.allocate(100).view(3, m, n);
            c.copyFrom(c0);
            kernels.gemm(a, transA, b, transB, c, beta);
            for (int i = 0; i < m * n; i++) {
                assertEquals(expected[i], c.get(i), 1e-5f, kernels.name() + " c[" + i + "]");
            }
        }
    }

    /** The CPU ReLU works on raw bits: it must still be Math.max(z + b, 0) exactly, NaNs of either sign included. */
    @org.junit.jupiter.api.Test
    void cpuReluMatchesMathMaxOnSpecialValues() {
        float negNan = Float.intBitsToFloat(0xffc00000);
        float[] special = {0f, -0f, 1e-45f, -1e-45f, Float.MIN_NORMAL, -3.5f, 2.25f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, negNan, Float.MAX_VALUE, -Float.MAX_VALUE};
        int rows = 700; // several segments, the last one partial
        int cols = special.length;
        Block z = Block.allocate(1, rows, cols);
        Block bias = Block.allocate(1, cols);
        Block a = Block.allocate(1, rows, cols);
        Rng rng = new Rng(5);
        for (int i = 0; i < z.length(); i++) {
            z.set(i, i < cols ? special[i] : (float) rng.uniform(-2, 2));
        }
        Kernels.cpu().biasActivation(z, bias, 1, rows, cols, Activation.RELU, a);
        for (int i = 0; i < z.length(); i++) {
            float expected = Math.max(z.get(i), 0f);
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(a.get(i)),
                    "relu(" + z.get(i) + ") = " + a.get(i));
        }
        Block g = Block.allocate(1, rows, cols);
        for (int i = 0; i < g.length(); i++) {
            g.set(i, (float) rng.uniform(-1, 1));
        }
        float[] before = g.toArray();
        Kernels.cpu().activationGrad(g, z, a, Activation.RELU);
        for (int i = 0; i < g.length(); i++) {
            // the gradient passes where a > 0, and where a is NaN (a NaN upstream must not vanish)
            float expected = a.get(i) > 0 || Float.isNaN(a.get(i)) ? before[i] : 0f;
            assertEquals(expected, g.get(i), "relu grad at a = " + a.get(i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "nd4j"})
    void gemmRejectsMismatchedShapesBeforeTouchingMemory(String path) {
        Kernels kernels = path.equals("cpu") ? Kernels.cpu() : Kernels.nd4j();
        Block a = Block.allocate(4, 3);
        Block b = Block.allocate(2, 5);
        Block c = Block.allocate(4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernels.gemm(a, false, b, false, c, 0.0));
        assertTrue(e.getMessage().contains("op(a) 4x3, op(b) 2x5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kernels.gemm(Block.allocate(2, 2, 2), false, b, false, c, 0.0));
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class)
    void trainingStepsAgreeAcrossKernelPaths(Activation hidden) {
        int[] sizes = {5, 16, 16, 3};
        EnsembleMlp a = new EnsembleMlp(3, sizes, hidden, Activation.IDENTITY, Init.TRUNCATED_NORMAL, new Rng(7));
        EnsembleMlp b = new EnsembleMlp(3, sizes, hidden, Activation.IDENTITY, Init.TRUNCATED_NORMAL, new Rng(7));
        EnsembleMlp ta = new EnsembleMlp(3, sizes, hidden, Activation.IDENTITY, Init.TRUNCATED_NORMAL, new Rng(8));
        EnsembleMlp tb = new EnsembleMlp(3, sizes, hidden, Activation.IDENTITY, Init.TRUNCATED_NORMAL, new Rng(8));
        Workspace wa = a.workspace(32, false);
        Workspace wb = b.workspace(32, false);
        Kernels cpu = Kernels.cpu();
        Kernels nd = Kernels.nd4j();
        Adam adamA = new Adam(a, 1e-2);
        Adam adamB = new Adam(b, 1e-2);
        Rng rng = new Rng(9);
        for (int step = 0; step < 5; step++) {
            for (int i = 0; i < wa.input().length(); i++) {
                float v = (float) rng.uniform(-1, 1);
                wa.input().set(i, v);
                wb.input().set(i, v);
            }
            a.forward(wa, cpu);
            b.forward(wb, nd);
            assertSame(wa.output(), wb.output(), "output at step " + step);
            for (int i = 0; i < wa.outputGrad().length(); i++) {
                float g = wa.output().get(i) - 0.5f;
                wa.outputGrad().set(i, g);
                wb.outputGrad().set(i, g);
            }
            a.backward(wa, cpu, false, true);
            b.backward(wb, nd, false, true);
            assertSame(a.grads(), b.grads(), "grads at step " + step);
            assertSame(wa.inputGrad(), wb.inputGrad(), "input grads at step " + step);
            cpu.axpy(a.grads(), 1e-3, a.params());
            nd.axpy(b.grads(), 1e-3, b.params());
            adamA.step(cpu);
            adamB.step(nd);
            assertSame(a.params(), b.params(), "params after Adam at step " + step);
            cpu.polyak(ta.params(), a.params(), 0.05);
            nd.polyak(tb.params(), b.params(), 0.05);
            assertSame(ta.params(), tb.params(), "targets after Polyak at step " + step);
        }
    }
}
