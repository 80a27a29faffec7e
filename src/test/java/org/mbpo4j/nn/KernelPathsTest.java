package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
