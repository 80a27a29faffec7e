package org.mbpo4j.model;

import java.util.Arrays;
import org.mbpo4j.nn.Activation;
import org.mbpo4j.nn.Adam;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Init;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

/**
 * MBPO's probabilistic dynamics ensemble (the "Model" of mbrl-lib's stack): {@code members}
 * SiLU MLPs trained together, each predicting the mean and the soft-bounded log-variance of
 * {@code outDim} targets ({@link GaussianHead}), with per-layer L2 weight decay, Adam on the
 * weights and, when the bounds are learned, Adam on the bounds. Inputs and targets are whatever
 * the caller gives (normalising inputs and forming delta targets belong to the layer above).
 */
public final class GaussianEnsemble {

    /**
     * The shape and training settings.
     *
     * @param weightDecay one L2 coefficient per layer, output layer last ({@code wd * sum(W^2) / 2})
     * @param learnBounds train the log-variance bounds (the original MBPO) or keep them fixed
     *                    (mbrl-lib, DI-engine)
     */
    public record Spec(int members, int inDim, int outDim, int hidden, int hiddenLayers, double[] weightDecay,
                       boolean learnBounds, double lr) {
        public Spec {
            if (members < 1 || inDim < 1 || outDim < 1 || hidden < 1 || hiddenLayers < 1) {
                throw new IllegalArgumentException("ensemble sizes must be >= 1: members " + members + ", in " + inDim
                        + ", out " + outDim + ", hidden " + hidden + " x " + hiddenLayers);
            }
            if (weightDecay.length != hiddenLayers + 1) {
                throw new IllegalArgumentException("weight decay needs one value per layer (" + (hiddenLayers + 1)
                        + "), got " + Arrays.toString(weightDecay));
            }
            if (!(lr > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            }
            weightDecay = weightDecay.clone();
        }

        /** MBPO's defaults: 7 members of 4 x 200, decays 2.5e-5 .. 1e-4, learned bounds, lr 1e-3. */
        public static Spec mbpo(int inDim, int outDim) {
            return new Spec(7, inDim, outDim, 200, 4, new double[] {2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4}, true, 1e-3);
        }

        int[] sizes() {
            int[] s = new int[hiddenLayers + 2];
            s[0] = inDim;
            Arrays.fill(s, 1, hiddenLayers + 1, hidden);
            s[hiddenLayers + 1] = 2 * outDim;
            return s;
        }
    }

    private final Spec spec;
    private final EnsembleMlp net;
    private final GaussianHead head;
    private final Adam adam;
    private final ArrayAdam maxAdam;
    private final ArrayAdam minAdam;
    private float[] out = new float[0];
    private float[] dOut = new float[0];

    public GaussianEnsemble(Spec spec, Rng rng) {
        this.spec = spec;
        this.net = new EnsembleMlp(spec.members(), spec.sizes(), Activation.SILU, Activation.IDENTITY,
                Init.TRUNCATED_NORMAL, rng);
        this.head = new GaussianHead(spec.outDim());
        this.adam = new Adam(net, spec.lr());
        this.maxAdam = new ArrayAdam(spec.outDim(), spec.lr());
        this.minAdam = new ArrayAdam(spec.outDim(), spec.lr());
    }

    public Spec spec() {
        return spec;
    }

    /** The networks (output rows: {@code outDim} means, then {@code outDim} raw log-variances). */
    public EnsembleMlp net() {
        return net;
    }

    /** The head, with the current log-variance bounds. */
    public GaussianHead head() {
        return head;
    }

    /** The optimiser of the networks. */
    Adam adam() {
        return adam;
    }

    ArrayAdam maxAdam() {
        return maxAdam;
    }

    ArrayAdam minAdam() {
        return minAdam;
    }

    /** Buffers for {@code batch} rows: per-member rows for training, shared rows for prediction. */
    public Workspace workspace(int batch, boolean sharedInput) {
        return net.workspace(batch, sharedInput);
    }

    /**
     * One training step: {@code x} holds each member's own rows {@code [members, batch, inDim]}
     * (e.g. its bootstrap sample), {@code y} their targets {@code [members, batch, outDim]}.
     *
     * @return the loss before the step (NLL over members plus the bound penalty; weight decay
     *     enters through its gradient only)
     */
    public double trainStep(Workspace ws, float[] x, float[] y, Kernels k) {
        return trainStep(ws, x, y, null, null, k);
    }

    /**
     * As {@link #trainStep(Workspace, float[], float[], Kernels)}, with per-row weights on the
     * NLL ({@code [members, batch]}, or null for all 1) and, when {@code rowMse} is not null,
     * each row's mean squared error of the mean before the step written into it
     * ({@link GaussianHead#lossAndGrad(float[], float[], int, int, float[], float[], float[])}).
     */
    public double trainStep(Workspace ws, float[] x, float[] y, float[] weights, float[] rowMse, Kernels k) {
        if (ws.sharedInput()) {
            throw new IllegalArgumentException("training needs per-member rows: use workspace(batch, false)");
        }
        k.write(x, 0, ws.input());
        net.forward(ws, k);
        float[] o = output(ws, k);
        double loss = head.lossAndGrad(o, y, spec.members(), ws.batch(), weights, rowMse, dOut);
        k.write(dOut, 0, ws.outputGrad());
        net.backward(ws, k, false, false);
        for (int l = 0; l < net.layers(); l++) {
            k.axpy(net.weightGrads(l), spec.weightDecay()[l], net.weights(l));
        }
        adam.step(k);
        if (spec.learnBounds()) {
            maxAdam.step(head.maxLogVar(), head.maxGrad());
            minAdam.step(head.minLogVar(), head.minGrad());
        }
        return loss;
    }

    /**
     * Forward pass on the rows already in {@code ws.input()}; returns the raw outputs
     * {@code [members, rows, 2 outDim]} (live buffer, overwritten by the next call). Turn raw
     * log-variances into bounded ones with {@code head().logVar(raw, j)}.
     */
    public float[] forward(Workspace ws, Kernels k) {
        net.forward(ws, k);
        return output(ws, k);
    }

    private float[] output(Workspace ws, Kernels k) {
        int n = ws.output().length();
        if (out.length != n) {
            out = new float[n];
            dOut = new float[n];
        }
        k.read(ws.output(), out, 0);
        return out;
    }
}
