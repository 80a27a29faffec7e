package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

/**
 * Members computed on several lanes (one Java thread each, single-threaded BLAS) give exactly
 * what one lane gives: the forward pass, every gradient, the input gradient and Adam's steps.
 */
class MemberLanesTest {

    private static float[] read(Block b) {
        float[] out = new float[(int) b.length()];
        Kernels.cpu().read(b, out, 0);
        return out;
    }

    private static float[][] trainSteps(int lanes, int members, Activation act, boolean sharedInput) {
        Kernels k = CpuKernels.withLanes(lanes);
        EnsembleMlp net = new EnsembleMlp(members, new int[] {9, 48, 40, 5}, act, Activation.IDENTITY,
                Init.TRUNCATED_NORMAL, new Rng(3));
        Adam adam = new Adam(net, 1e-2);
        Workspace ws = net.workspace(70, sharedInput);
        Rng rng = new Rng(4);
        float[] in = new float[(int) ws.input().length()];
        float[] dOut = new float[(int) ws.outputGrad().length()];
        float[] out = null;
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < dOut.length; i++) {
                dOut[i] = (float) rng.nextGaussian();
            }
            k.write(in, 0, ws.input());
            net.forward(ws, k);
            out = read(ws.output());
            k.write(dOut, 0, ws.outputGrad());
            net.backward(ws, k, step == 1, true);
            adam.step(k);
        }
        return new float[][] {out, read(net.grads()), read(ws.inputGrad()), read(net.params())};
    }

    @Test
    void severalLanesGiveExactlyWhatOneLaneGives() {
        Object[][] cases = {{7, Activation.SILU, false}, {2, Activation.RELU, true}, {3, Activation.TANH, true}};
        for (Object[] c : cases) {
            int members = (Integer) c[0];
            float[][] one = trainSteps(1, members, (Activation) c[1], (Boolean) c[2]);
            float[][] two = trainSteps(2, members, (Activation) c[1], (Boolean) c[2]);
            String[] what = {"outputs", "parameter gradients", "input gradients", "parameters after Adam"};
            for (int i = 0; i < what.length; i++) {
                assertArrayEquals(one[i], two[i], members + " members, " + c[1] + ": " + what[i]);
            }
        }
    }

    /** A network big enough for Adam to split its step over the lanes gives the same parameters. */
    @Test
    void adamSplitOverLanesEqualsOneLane() {
        float[][] params = new float[2][];
        for (int lanes = 1; lanes <= 2; lanes++) {
            Kernels k = CpuKernels.withLanes(lanes);
            EnsembleMlp net = new EnsembleMlp(2, new int[] {30, 256, 256, 1}, Activation.RELU, Activation.IDENTITY,
                    Init.UNIFORM_FAN_IN, new Rng(8));
            assertTrue(net.params().length() >= Adam.PARALLEL_MIN);
            Adam adam = new Adam(net, 1e-3);
            Rng rng = new Rng(9);
            for (int step = 0; step < 3; step++) {
                float[] g = new float[(int) net.grads().length()];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) rng.nextGaussian();
                }
                k.write(g, 0, net.grads());
                adam.step(k);
            }
            params[lanes - 1] = read(net.params());
        }
        assertArrayEquals(params[0], params[1]);
    }
}
