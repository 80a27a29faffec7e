package org.mbpo4j.sac;

import org.mbpo4j.nn.Activation;
import org.mbpo4j.nn.Adam;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Init;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

/**
 * SAC's policy: an MLP from observations to the mean and log-std of a Gaussian, squashed by
 * tanh into [-1, 1]^A ({@link TanhGaussian}). One {@link Pass} per batch size holds the
 * activations and the sampled noise, so a sample can later be back-propagated.
 */
final class Actor {
    final EnsembleMlp net;
    final Adam adam;
    final int obsDim;
    final int actDim;
    private final double logStdMin;
    private final double logStdMax;

    Actor(int obsDim, int actDim, int[] hidden, double lr, double logStdMin, double logStdMax, Rng rng) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = obsDim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 2 * actDim;
        this.net = new EnsembleMlp(1, sizes, Activation.RELU, Activation.IDENTITY, Init.UNIFORM_FAN_IN, rng);
        this.adam = new Adam(net, lr);
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.logStdMin = logStdMin;
        this.logStdMax = logStdMax;
    }

    /** One batch's sample: actions, log-probs, and what the backward pass needs. */
    final class Pass {
        final Workspace ws;
        final int rows;
        final float[] out;
        final float[] eps;
        final float[] std;
        final float[] action;
        final float[] logp;
        final float[] dOut;

        Pass(int rows) {
            this.rows = rows;
            ws = net.workspace(rows, true);
            out = new float[rows * 2 * actDim];
            eps = new float[rows * actDim];
            std = new float[rows * actDim];
            action = new float[rows * actDim];
            logp = new float[rows];
            dOut = new float[rows * 2 * actDim];
        }

        /** Samples a ~ pi(.|obs) (or tanh(mean) when deterministic) for {@code rows} observations. */
        void sample(float[] obs, Rng rng, boolean deterministic, Kernels k) {
            drawNoise(rng, deterministic);
            squash(obs, deterministic, k);
        }

        /**
         * The first half of {@link #sample}: the Gaussian noise, from {@code rng} (zeros when
         * deterministic). Apart from {@link #squash} so that two passes can draw their noise in a
         * fixed order and then run at once.
         */
        void drawNoise(Rng rng, boolean deterministic) {
            for (int i = 0; i < eps.length; i++) {
                eps[i] = deterministic ? 0f : (float) rng.nextGaussian();
            }
        }

        /** The second half of {@link #sample}: the network on {@code obs}, then the squashed sample with the drawn noise. */
        void squash(float[] obs, boolean deterministic, Kernels k) {
            k.write(obs, 0, ws.input());
            net.forward(ws, k);
            k.read(ws.output(), out, 0);
            TanhGaussian.sample(out, eps, rows, actDim, logStdMin, logStdMax, deterministic, std, action, logp);
        }

        /** Accumulates nothing: computes the actor's gradients from dL/da and dL/dlogp of this sample. */
        void backward(float[] dAction, float[] dLogp, Kernels k) {
            TanhGaussian.backward(out, eps, std, action, dAction, dLogp, rows, actDim, logStdMin, logStdMax, dOut);
            k.write(dOut, 0, ws.outputGrad());
            net.backward(ws, k, false, false);
        }
    }
}
