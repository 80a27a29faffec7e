package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbpo4j.random.Rng;

/**
 * Hand-written gradients against central finite differences of an independent double-precision
 * reference, for every activation, both kernel paths, shared and per-member inputs.
 */
class EnsembleMlpTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String k : new String[] {"cpu", "nd4j"}) {
            for (Activation h : new Activation[] {Activation.RELU, Activation.TANH, Activation.SILU}) {
                for (boolean shared : new boolean[] {false, true}) {
                    b.add(Arguments.of(k, h, shared ? Activation.TANH : Activation.IDENTITY, shared));
                }
            }
        }
        return b.build();
    }

    static Kernels kernels(String name) {
        return name.equals("cpu") ? Kernels.cpu() : Kernels.nd4j();
    }

    @ParameterizedTest(name = "{0} {1}->{2} shared={3}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferencesOfADoubleReference(String kernelName, Activation hidden, Activation out,
                                                           boolean shared) {
        Kernels k = kernels(kernelName);
        int members = 3;
        int batch = 7;
        int[] sizes = {4, 6, 5, 3};
        EnsembleMlp net = new EnsembleMlp(members, sizes, hidden, out, Init.UNIFORM_FAN_IN, new Rng(1));
        Workspace ws = net.workspace(batch, shared);
        Rng rng = new Rng(2);
        double[][][] x = new double[members][batch][sizes[0]];
        for (int e = 0; e < members; e++) {
            for (int r = 0; r < batch; r++) {
                for (int i = 0; i < sizes[0]; i++) {
                    x[e][r][i] = shared && e > 0 ? x[0][r][i] : (float) rng.uniform(-2, 2);
                    if (e == 0 || !shared) {
                        ws.input().set((shared ? 0 : e * batch * sizes[0]) + r * sizes[0] + i, (float) x[e][r][i]);
                    }
                }
            }
        }
        double[][][] weights = new double[members][batch][sizes[3]];
        for (int e = 0; e < members; e++) {
            for (int r = 0; r < batch; r++) {
                for (int o = 0; o < sizes[3]; o++) {
                    weights[e][r][o] = (float) rng.uniform(-1, 1);
                }
            }
        }
        net.forward(ws, k);
        ReferenceMlp ref = new ReferenceMlp(net);
        double[][][] y = ref.forward(ref.p, x);
        for (int e = 0; e < members; e++) {
            for (int r = 0; r < batch; r++) {
                for (int o = 0; o < sizes[3]; o++) {
                    assertEquals(y[e][r][o], ws.output().get((e * batch + r) * sizes[3] + o), 1e-5, "output");
                    ws.outputGrad().set((e * batch + r) * sizes[3] + o, (float) weights[e][r][o]);
                }
            }
        }
        net.backward(ws, k, false, true);

        double h = 1e-6;
        double[] fd = new double[ref.p.length];
        for (int i = 0; i < fd.length; i++) {
            double keep = ref.p[i];
            ref.p[i] = keep + h;
            double up = ref.loss(ref.p, x, weights);
            ref.p[i] = keep - h;
            double down = ref.loss(ref.p, x, weights);
            ref.p[i] = keep;
            fd[i] = (up - down) / (2 * h);
        }
        assertClose(fd, net.grads().toArray(), "parameter gradients");

        // dLoss/dInput, per member
        double[] fdIn = new double[members * batch * sizes[0]];
        for (int e = 0; e < members; e++) {
            for (int r = 0; r < batch; r++) {
                for (int i = 0; i < sizes[0]; i++) {
                    double[][][] xu = copy(x);
                    double[][][] xd = copy(x);
                    xu[e][r][i] += h;
                    xd[e][r][i] -= h;
                    fdIn[(e * batch + r) * sizes[0] + i] = (ref.loss(ref.p, xu, weights) - ref.loss(ref.p, xd, weights)) / (2 * h);
                }
            }
        }
        assertClose(fdIn, ws.inputGrad().toArray(), "input gradients");
    }

    static double[][][] copy(double[][][] x) {
        double[][][] c = new double[x.length][][];
        for (int e = 0; e < x.length; e++) {
            c[e] = new double[x[e].length][];
            for (int r = 0; r < x[e].length; r++) {
                c[e][r] = x[e][r].clone();
            }
        }
        return c;
    }

    /** Relative error of the whole vector, and each component within an absolute tolerance. */
    static void assertClose(double[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what + " length");
        double num = 0;
        double den = 0;
        for (int i = 0; i < want.length; i++) {
            num += (want[i] - got[i]) * (want[i] - got[i]);
            den += want[i] * want[i];
            assertEquals(want[i], got[i], 2e-4 + 2e-4 * Math.abs(want[i]), what + " [" + i + "]");
        }
        assertTrue(Math.sqrt(num / Math.max(den, 1e-30)) < 1e-5, what + ": relative error " + Math.sqrt(num / den));
    }

    @Test
    void accumulateAddsToTheGradients() {
        EnsembleMlp net = new EnsembleMlp(2, new int[] {3, 4, 2}, Activation.RELU, Activation.IDENTITY,
                Init.UNIFORM_FAN_IN, new Rng(3));
        Workspace ws = net.workspace(5, true);
        Rng rng = new Rng(4);
        for (int i = 0; i < ws.input().length(); i++) {
            ws.input().set(i, (float) rng.uniform(-1, 1));
        }
        net.forward(ws, Kernels.cpu());
        ws.outputGrad().fill(1f);
        net.backward(ws, Kernels.cpu(), false, false);
        float[] once = net.grads().toArray();
        net.forward(ws, Kernels.cpu());
        ws.outputGrad().fill(1f);
        net.backward(ws, Kernels.cpu(), true, false);
        float[] twice = net.grads().toArray();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-5 + 1e-5 * Math.abs(once[i]));
        }
    }

    @Test
    void initialisersFollowTheirDistributions() {
        EnsembleMlp mbpo = new EnsembleMlp(7, new int[] {100, 400}, Activation.SILU, Activation.IDENTITY,
                Init.TRUNCATED_NORMAL, new Rng(5));
        float[] wv = mbpo.weights(0).toArray();
        double std = 1 / (2 * Math.sqrt(100));
        double s2 = 0;
        for (float v : wv) {
            assertTrue(Math.abs(v) <= 2 * std + 1e-7, "truncated at 2 std");
            s2 += v * v;
        }
        // variance of a normal truncated at +-2 sigma is 0.774 sigma^2
        assertEquals(0.774 * std * std, s2 / wv.length, 0.02 * std * std);
        for (float b : mbpo.biases(0).toArray()) {
            assertEquals(0f, b);
        }
        EnsembleMlp sac = new EnsembleMlp(1, new int[] {16, 256}, Activation.RELU, Activation.IDENTITY,
                Init.UNIFORM_FAN_IN, new Rng(6));
        for (float v : sac.params().toArray()) {
            assertTrue(Math.abs(v) <= 0.25f, "uniform in [-1/sqrt(16), 1/sqrt(16)]");
        }
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EnsembleMlp(0, new int[] {2, 2}, Activation.RELU,
                Activation.IDENTITY, Init.UNIFORM_FAN_IN, new Rng(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EnsembleMlp(1,
                new int[] {2, 0, 1}, Activation.RELU, Activation.IDENTITY, Init.UNIFORM_FAN_IN, new Rng(1)));
        assertTrue(e.getMessage().contains("[2, 0, 1]"), e.getMessage());
        EnsembleMlp a = new EnsembleMlp(1, new int[] {2, 3}, Activation.RELU, Activation.IDENTITY, Init.UNIFORM_FAN_IN, new Rng(1));
        EnsembleMlp b = new EnsembleMlp(1, new int[] {2, 4}, Activation.RELU, Activation.IDENTITY, Init.UNIFORM_FAN_IN, new Rng(1));
        assertThrows(IllegalArgumentException.class, () -> a.copyParamsFrom(b));
        b.workspace(3, true);
        assertArrayEquals(new int[] {2, 4}, b.sizes());
    }

    /** A member's parameters copied out and written back (the model trainer's best-epoch snapshots), member by member. */
    @Test
    void copyAndRestoreMoveExactlyOneMembersParameters() {
        EnsembleMlp net = new EnsembleMlp(3, new int[] {4, 6, 2}, Activation.SILU, Activation.IDENTITY,
                Init.UNIFORM_FAN_IN, new Rng(5));
        EnsembleMlp other = new EnsembleMlp(3, new int[] {4, 6, 2}, Activation.SILU, Activation.IDENTITY,
                Init.UNIFORM_FAN_IN, new Rng(6));
        float[] before = net.params().toArray();
        float[] member1 = new float[net.memberParamCount()];
        other.copyMember(1, member1);
        net.restoreMember(1, member1);
        float[] after = net.params().toArray();
        float[] back = new float[net.memberParamCount()];
        net.copyMember(1, back);
        assertArrayEquals(member1, back);
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            changed += Float.floatToIntBits(before[i]) != Float.floatToIntBits(after[i]) ? 1 : 0;
        }
        assertEquals(net.memberParamCount(), changed, "exactly member 1's parameters changed");
        float[] member0 = new float[net.memberParamCount()];
        net.copyMember(0, member0);
        float[] original0 = new float[net.memberParamCount()];
        new EnsembleMlp(3, new int[] {4, 6, 2}, Activation.SILU, Activation.IDENTITY, Init.UNIFORM_FAN_IN, new Rng(5))
                .copyMember(0, original0);
        assertArrayEquals(original0, member0);
    }
}
