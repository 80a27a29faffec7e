package org.mbpo4j.nn;

/**
 * An independent double-precision MLP ensemble (plain Java arrays, textbook formulas) that
 * reads the parameters of an {@link EnsembleMlp}: the reference for gradient checks.
 */
public final class ReferenceMlp {
    final int members;
    final int[] sizes;
    final Activation hidden;
    final Activation output;
    /** Flat parameters in the layout of {@link EnsembleMlp#params()}. */
    public final double[] p;

    public ReferenceMlp(EnsembleMlp net) {
        members = net.members();
        sizes = net.sizes();
        hidden = net.hidden();
        output = net.output();
        float[] f = net.params().toArray();
        p = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            p[i] = f[i];
        }
    }

    static double act(Activation a, double z) {
        return switch (a) {
            case IDENTITY -> z;
            case RELU -> Math.max(0, z);
            case TANH -> Math.tanh(z);
            case SILU -> z / (1 + Math.exp(-z));
        };
    }

    /** Outputs {@code [members][batch][out]} for inputs {@code x[members][batch][in]}. */
    public double[][][] forward(double[] params, double[][][] x) {
        int layers = sizes.length - 1;
        double[][][] h = x;
        int off = 0;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int bOff = off + members * in * out;
            Activation a = l == layers - 1 ? output : hidden;
            double[][][] next = new double[members][h[0].length][out];
            for (int e = 0; e < members; e++) {
                for (int r = 0; r < h[e].length; r++) {
                    for (int o = 0; o < out; o++) {
                        double s = params[bOff + e * out + o];
                        for (int i = 0; i < in; i++) {
                            s += h[e][r][i] * params[off + (e * in + i) * out + o];
                        }
                        next[e][r][o] = act(a, s);
                    }
                }
            }
            h = next;
            off = bOff + members * out;
        }
        return h;
    }

    /** {@code sum(out * weights)}: a loss whose gradient with respect to the output is {@code weights}. */
    double loss(double[] params, double[][][] x, double[][][] weights) {
        double[][][] y = forward(params, x);
        double s = 0;
        for (int e = 0; e < y.length; e++) {
            for (int r = 0; r < y[e].length; r++) {
                for (int o = 0; o < y[e][r].length; o++) {
                    s += y[e][r][o] * weights[e][r][o];
                }
            }
        }
        return s;
    }
}
