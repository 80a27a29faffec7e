package org.mbpo4j.bench;

import org.mbpo4j.model.GaussianEnsemble;
import org.mbpo4j.model.GaussianHead;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

/**
 * {@code model-train}: one training step of MBPO's Gaussian dynamics ensemble, as the PyTorch
 * peer ({@code shared/peer/torch_bench.py}, W1) times it: 7 members, 14 -> 200 x4 -> 24 (mean and
 * log-variance of 12 outputs), SiLU, truncated-normal init, batch 256 per member (each member its
 * own rows), soft-bounded log-variance with learned bounds ({@link GaussianHead}), per-layer L2
 * weight decay {@code wd * sum(W^2) / 2} with MBPO's 2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4, and
 * Adam at 1e-3 on the network and on the bounds. The data are 16 fixed random batches, used in
 * turn.
 *
 * <p>The weight decay enters as its gradient only ({@code wd * W}, added to each layer's
 * weight gradients); its value, which does not change the step, is not computed, so
 * {@link #lastLoss()} is the head's loss alone.
 *
 * <p>This is the step {@link org.mbpo4j.model.ModelTrainer} takes for every minibatch
 * ({@link GaussianEnsemble#trainStep}); the trainer adds only the copying of each member's
 * bootstrap rows into the batch.
 */
public final class ModelTrainWorkload implements Workload {
    /** MBPO's weight decay per layer of the 5-layer ensemble. */
    static final double[] WEIGHT_DECAY = {2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4};
    static final double LR = 1e-3;
    static final int POOL = 16;

    /**
     * The ensemble's shape: {@code members} networks {@code inDim -> hidden x hiddenLayers ->
     * 2 outDim}, trained on {@code batch} rows per member.
     */
    public record Shape(int members, int inDim, int hidden, int hiddenLayers, int outDim, int batch) {
        /** The peer's: 7 members, 14 -> 200 x4 -> 24, batch 256. */
        public static Shape standard() {
            return new Shape(7, 14, 200, 4, 12, 256);
        }

        public Shape {
            if (members < 1 || inDim < 1 || hidden < 1 || hiddenLayers < 0 || outDim < 1 || batch < 1) {
                throw new IllegalArgumentException("bad ensemble shape " + members + " x " + inDim + " -> "
                        + hidden + " x" + hiddenLayers + " -> 2 x " + outDim + ", batch " + batch);
            }
            if (hiddenLayers + 1 != WEIGHT_DECAY.length) {
                throw new IllegalArgumentException("the weight decay schedule has " + WEIGHT_DECAY.length
                        + " layers; got " + hiddenLayers + " hidden layers");
            }
        }
    }

    private final Shape shape;
    private final Kernels k;
    private final GaussianEnsemble model;
    private final Workspace ws;
    private final float[][] x;
    private final float[][] y;
    private int next;
    private double lastLoss = Double.NaN;

    public ModelTrainWorkload(Shape shape, Kernels k, Rng rng) {
        this.shape = shape;
        this.k = k;
        this.model = new GaussianEnsemble(new GaussianEnsemble.Spec(shape.members(), shape.inDim(), shape.outDim(),
                shape.hidden(), shape.hiddenLayers(), WEIGHT_DECAY, true, LR), rng.child("init"));
        this.ws = model.workspace(shape.batch(), false);
        int rows = shape.members() * shape.batch();
        Rng data = rng.child("data");
        x = new float[POOL][rows * shape.inDim()];
        y = new float[POOL][rows * shape.outDim()];
        for (int i = 0; i < POOL; i++) {
            gaussian(x[i], data);
            gaussian(y[i], data);
        }
    }

    private static void gaussian(float[] a, Rng rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextGaussian();
        }
    }

    @Override
    public String name() {
        return "model-train";
    }

    @Override
    public void run() {
        int i = next;
        next = (next + 1) % POOL;
        lastLoss = model.trainStep(ws, x[i], y[i], k);
    }

    /** The head's loss at the last step (before its update), NaN before the first. */
    public double lastLoss() {
        return lastLoss;
    }

    /** The dynamics ensemble being trained. */
    public GaussianEnsemble ensemble() {
        return model;
    }

    /** The ensemble's networks. */
    public EnsembleMlp net() {
        return model.net();
    }

    /** Its Gaussian head (with the learned bounds). */
    public GaussianHead head() {
        return model.head();
    }

    public Shape shape() {
        return shape;
    }
}
