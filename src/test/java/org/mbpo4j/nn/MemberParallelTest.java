package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mbpo4j.random.Rng;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU kernels run an ensemble's members on separate lanes ({@link Lanes}); with one lane
 * they run all members together. BLAS is on one thread either way, so both must give the same
 * bits: a run does not depend on the number of cores, nor on which lane took which member.
 */
class MemberParallelTest {

    /** The CPU kernels, told to use one lane. */
    static final class OneLane implements Kernels {
        private final Kernels d = Kernels.cpu();

        @Override public String name() { return "cpu-one-lane"; }
        @Override public int lanes() { return 1; }
        @Override public void gemm(Block a, boolean ta, Block b, boolean tb, Block c, double beta) { d.gemm(a, ta, b, tb, c, beta); }
        @Override public void biasActivation(Block z, Block bias, int m, int r, int c, Activation act, Block a) { d.biasActivation(z, bias, m, r, c, act, a); }
        @Override public void biasActivationInference(Block z, Block bias, int m, int r, int c, Activation act, Block a) { d.biasActivationInference(z, bias, m, r, c, act, a); }
        @Override public void activationGrad(Block g, Block z, Block a, Activation act) { d.activationGrad(g, z, a, act); }
        @Override public void columnSums(Block g, int m, int r, int c, Block db, boolean acc) { d.columnSums(g, m, r, c, db, acc); }
        @Override public void axpy(Block y, double alpha, Block x) { d.axpy(y, alpha, x); }
        @Override public void adam(Block p, Block g, Block m, Block v, double lr, double b1, double b2, double eps, long t) { d.adam(p, g, m, v, lr, b1, b2, eps, t); }
        @Override public void polyak(Block t, Block s, double tau) { d.polyak(t, s, tau); }
        @Override public void read(Block src, float[] dst, int off) { d.read(src, dst, off); }
        @Override public void write(float[] src, int off, Block dst) { d.write(src, off, dst); }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "SILU", "TANH"})
    void membersOnLanesGiveTheBitsOfOneLane(Activation hidden) {
        // 2 members: one per lane; 1 and 7: backward passes shared out layer by layer
        for (int members : new int[] {1, 2, 7}) {
            float[][] lanes = train(hidden, members, Kernels.cpu(), 3);
            float[][] again = train(hidden, members, Kernels.cpu(), 3);
            float[][] one = train(hidden, members, new OneLane(), 3);
            String[] what = {"outputs", "input gradients", "parameter gradients", "parameters"};
            for (int i = 0; i < what.length; i++) {
                assertArrayEquals(lanes[i], again[i], members + " members: " + what[i] + " repeat exactly");
                assertArrayEquals(one[i], lanes[i], members + " members: " + what[i] + " as with one lane");
            }
        }
        assertEquals(Kernels.cpu().lanes(), Lanes.count());
        assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "the CPU kernels keep BLAS on one thread");
    }

    @Test
    void elementWiseStepsSplitOverLanesMatchOneLoop() {
        int n = 3 * Lanes.MIN_RANGE + 7;
        Rng rng = new Rng(9);
        Block p = random(n, rng);
        Block g = random(n, rng);
        Block m = random(n, rng);
        Block v = Block.allocate(n);
        for (int i = 0; i < n; i++) {
            v.set(i, Math.abs(g.get(i)));
        }
        float[] pr = floats(p);
        float[] mr = floats(m);
        float[] vr = floats(v);
        float[] gr = floats(g);
        Kernels.cpu().adam(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 4);
        float b1 = 0.9f;
        float b2 = 0.999f;
        float stepSize = (float) (1e-3 / (1.0 - Math.pow(0.9, 4)));
        float invSqrtBc2 = (float) (1.0 / Math.sqrt(1.0 - Math.pow(0.999, 4)));
        for (int i = 0; i < n; i++) {
            mr[i] = b1 * mr[i] + (1f - b1) * gr[i];
            vr[i] = b2 * vr[i] + (1f - b2) * gr[i] * gr[i];
            pr[i] -= stepSize * mr[i] / ((float) Math.sqrt(vr[i]) * invSqrtBc2 + 1e-8f);
        }
        assertArrayEquals(pr, floats(p), "Adam parameters");
        assertArrayEquals(mr, floats(m), "Adam first moments");
        assertArrayEquals(vr, floats(v), "Adam second moments");

        Block target = random(n, rng);
        float[] tr = floats(target);
        Kernels.cpu().polyak(target, g, 0.005);
        Kernels.cpu().axpy(m, 0.25, g);
        for (int i = 0; i < n; i++) {
            tr[i] = (1f - 0.005f) * tr[i] + 0.005f * gr[i];
            mr[i] = mr[i] + 0.25f * gr[i];
        }
        assertArrayEquals(tr, floats(target), "Polyak averaging");
        assertArrayEquals(mr, floats(m), "axpy");
    }

    private static Block random(int n, Rng rng) {
        Block b = Block.allocate(n);
        for (int i = 0; i < n; i++) {
            b.set(i, (float) rng.nextGaussian());
        }
        return b;
    }

    /** Forward, backward and Adam steps of an ensemble; its outputs, input and parameter gradients and parameters. */
    private static float[][] train(Activation hidden, int members, Kernels k, int steps) {
        int batch = 96;
        int[] sizes = {14, 200, 200, 24};
        EnsembleMlp net = new EnsembleMlp(members, sizes, hidden, Activation.IDENTITY, Init.TRUNCATED_NORMAL, new Rng(3));
        Adam adam = new Adam(net, 1e-3);
        Workspace ws = net.workspace(batch, false);
        Rng rng = new Rng(4);
        float[] x = new float[members * batch * sizes[0]];
        float[] dy = new float[members * batch * sizes[3]];
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < dy.length; i++) {
                dy[i] = (float) rng.nextGaussian() / batch;
            }
            k.write(x, 0, ws.input());
            net.forward(ws, k);
            k.write(dy, 0, ws.outputGrad());
            net.backward(ws, k, false, true);
            adam.step(k);
        }
        return new float[][] {floats(ws.output()), floats(ws.inputGrad()), floats(net.grads()), floats(net.params())};
    }

    private static float[] floats(Block blk) {
        float[] f = new float[blk.length()];
        for (int i = 0; i < f.length; i++) {
            f[i] = blk.get(i);
        }
        return f;
    }
}
