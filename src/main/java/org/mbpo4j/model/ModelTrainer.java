package org.mbpo4j.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

/**
 * Trains a {@link TransitionModel} the way MBPO does (mbrl-lib's ModelTrainer), one call per
 * model-training event, on the whole real dataset:
 * <ol>
 *   <li>drop rows holding a NaN or infinity (counted in the report);</li>
 *   <li>shuffle, hold out {@code holdoutRatio} of the rows (at most {@code maxHoldout});</li>
 *   <li>fit the input normaliser on the training rows;</li>
 *   <li>draw each member's bootstrap resample (with replacement) <em>once</em>; every epoch
 *       reshuffles those same indices into minibatches of {@code batchSize} (or, with
 *       {@code prioritized}, draws {@code ceil(n / batchSize)} full minibatches from them by
 *       the member's last error on each, with importance weights on the NLL:
 *       {@link PrioritizedRows});</li>
 *   <li>after each epoch, compute each member's holdout MSE and apply {@link EarlyStopping};
 *       optional caps on epochs and wall-clock seconds;</li>
 *   <li>restore each member's best weights, choose the elites (lowest holdout MSE) and
 *       measure calibration on the holdout rows.</li>
 * </ol>
 * A NaN or infinite loss stops training with a {@link ModelTrainingException} naming the
 * epoch and member, after restoring the last good weights. Not thread-safe.
 */
public final class ModelTrainer {

    /**
     * @param batchSize      rows per member per minibatch
     * @param holdoutRatio   fraction of rows held out, in (0, 1)
     * @param maxHoldout     cap on held-out rows
     * @param patience       epochs without improvement tolerated (stop after more than this)
     * @param minImprovement relative holdout-MSE gain that counts as an improvement
     * @param maxEpochs      cap on epochs per call, or null
     * @param maxSeconds     cap on seconds per call (checked after each epoch), or null
     * @param prioritized    draw minibatch rows by the member's last error on them, with
     *                       importance weights ({@link PrioritizedRows}), instead of walking the
     *                       shuffled bootstrap sample
     */
    public record Options(int batchSize, double holdoutRatio, int maxHoldout, int patience, double minImprovement,
                          Integer maxEpochs, Double maxSeconds, boolean prioritized) {
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (!(holdoutRatio > 0 && holdoutRatio < 1)) {
                throw new IllegalArgumentException("holdout ratio must be in (0, 1), got " + holdoutRatio);
            }
            if (maxHoldout < 1 || patience < 0 || !(minImprovement >= 0 && minImprovement < 1)) {
                throw new IllegalArgumentException("need max holdout >= 1, patience >= 0, min improvement in [0, 1),"
                        + " got " + maxHoldout + ", " + patience + ", " + minImprovement);
            }
            if (maxEpochs != null && maxEpochs < 1) {
                throw new IllegalArgumentException("max epochs must be >= 1 or null, got " + maxEpochs);
            }
            if (maxSeconds != null && !(maxSeconds > 0)) {
                throw new IllegalArgumentException("max seconds must be > 0 or null, got " + maxSeconds);
            }
        }

        /** Uniform minibatches (the options that predate {@code prioritized}). */
        public Options(int batchSize, double holdoutRatio, int maxHoldout, int patience, double minImprovement,
                       Integer maxEpochs, Double maxSeconds) {
            this(batchSize, holdoutRatio, maxHoldout, patience, minImprovement, maxEpochs, maxSeconds, false);
        }

        /** MBPO's: batches of 256, 20% held out (at most 5000), patience 5, 1% improvement, no caps. */
        public static Options mbpo() {
            return new Options(256, 0.2, 5000, 5, 0.01, null, null);
        }

        /** Rows held out of {@code n}: {@code holdoutRatio} of them, at most {@code maxHoldout}. */
        public int holdoutRows(int n) {
            return (int) Math.min(maxHoldout, Math.floor(n * holdoutRatio));
        }

        /** Whether {@code n} finite rows are enough to train: a holdout row and one minibatch left for training. */
        public boolean canTrainOn(int n) {
            int hold = holdoutRows(n);
            return hold >= 1 && n - hold >= batchSize;
        }

        /** These options with an epoch cap. */
        public Options withMaxEpochs(Integer epochs) {
            return new Options(batchSize, holdoutRatio, maxHoldout, patience, minImprovement, epochs, maxSeconds,
                    prioritized);
        }

        /** These options with prioritized minibatches on or off. */
        public Options withPrioritized(boolean on) {
            return new Options(batchSize, holdoutRatio, maxHoldout, patience, minImprovement, maxEpochs, maxSeconds,
                    on);
        }
    }

    /** Rows per forward pass when evaluating the holdout set. */
    static final int HOLDOUT_CHUNK = 1024;

    private final TransitionModel model;
    private final GaussianEnsemble ensemble;
    private final EnsembleMlp net;
    private final Options options;
    private final Kernels k;
    private final LongSupplier nanoClock;
    private Rng rng;
    private final Map<Integer, Workspace> trainSpaces = new HashMap<>();
    private final Map<Integer, Workspace> holdoutSpaces = new HashMap<>();
    /** Test hook: sees each minibatch's rows per member ({@code [member][row]}, indices into the training rows). */
    Consumer<int[][]> minibatchObserver;
    /** Test hook: the bootstrap indices of the last call, per member. */
    int[][] lastBootstrap;
    /** Test hook: the priorities of the last prioritized call (null otherwise). */
    PrioritizedRows lastPriorities;

    public ModelTrainer(TransitionModel model, Options options, Kernels k, Rng rng) {
        this(model, options, k, rng, System::nanoTime);
    }

    ModelTrainer(TransitionModel model, Options options, Kernels k, Rng rng, LongSupplier nanoClock) {
        this.model = model;
        this.ensemble = model.ensemble();
        this.net = ensemble.net();
        this.options = options;
        this.k = k;
        this.rng = rng;
        this.nanoClock = nanoClock;
    }

    public TransitionModel model() {
        return model;
    }

    public Options options() {
        return options;
    }

    /** The sampling stream's state (for checkpoints). */
    public long[] rngState() {
        return rng.state();
    }

    /** Restores {@link #rngState()}. */
    public void restoreRng(long[] state) {
        rng = Rng.fromState(state);
    }

    /**
     * One training event on {@code data}.
     *
     * @throws IllegalArgumentException if the data's dims differ from the model's, or fewer
     *     than {@code batchSize} finite rows remain for training after the holdout
     * @throws ModelTrainingException if the loss or holdout error stops being finite
     */
    public TrainReport train(Transitions data) {
        long t0 = nanoClock.getAsLong();
        if (data.obsDim() != model.obsDim() || data.actDim() != model.actDim()) {
            throw new IllegalArgumentException("transitions have obs " + data.obsDim() + " and action "
                    + data.actDim() + " dims; the model expects " + model.obsDim() + " and " + model.actDim());
        }
        int[] ok = java.util.stream.IntStream.range(0, data.n()).filter(data::finiteRow).toArray();
        int rejected = data.n() - ok.length;
        Rng call = rng.split();
        shuffle(ok, ok.length, call);
        int hold = options.holdoutRows(ok.length);
        int nTrain = ok.length - hold;
        if (!options.canTrainOn(ok.length)) {
            throw new IllegalArgumentException("model training needs at least " + options.batchSize()
                    + " training rows (one minibatch) plus a holdout of " + options.holdoutRatio() + " of the data;"
                    + " got " + data.n() + " transitions" + (rejected > 0 ? " (" + rejected + " rejected as non-finite)"
                    : "") + ", leaving " + Math.max(nTrain, 0) + " for training and " + hold + " held out");
        }
        int inDim = model.inDim();
        int outDim = model.outDim();
        float[] xTrain = new float[nTrain * inDim];
        float[] yTrain = new float[nTrain * outDim];
        float[] xHold = new float[hold * inDim];
        float[] yHold = new float[hold * outDim];
        float[] raw = new float[nTrain * inDim];
        for (int i = 0; i < nTrain; i++) {
            int r = ok[hold + i];
            System.arraycopy(data.obs(), r * model.obsDim(), raw, i * inDim, model.obsDim());
            System.arraycopy(data.act(), r * model.actDim(), raw, i * inDim + model.obsDim(), model.actDim());
            model.target(data.obs(), data.reward(), data.nextObs(), r, yTrain, i * outDim);
        }
        model.refitNormalizers(raw, yTrain, nTrain);
        for (int i = 0; i < nTrain; i++) {
            model.normalizer().apply(raw, i * inDim, xTrain, i * inDim);
        }
        for (int i = 0; i < hold; i++) {
            int r = ok[i];
            model.input(data.obs(), data.act(), r, xHold, i * inDim);
            model.target(data.obs(), data.reward(), data.nextObs(), r, yHold, i * outDim);
        }
        if (model.normalizesTargets()) {
            for (int i = 0; i < nTrain; i++) {
                model.targetNormalizer().apply(yTrain, i * outDim, yTrain, i * outDim);
            }
            for (int i = 0; i < hold; i++) {
                model.targetNormalizer().apply(yHold, i * outDim, yHold, i * outDim);
            }
        }

        int members = net.members();
        int[][] boot = new int[members][nTrain];
        for (int e = 0; e < members; e++) {
            for (int i = 0; i < nTrain; i++) {
                boot[e][i] = call.nextInt(nTrain);
            }
        }
        lastBootstrap = new int[members][];
        for (int e = 0; e < members; e++) {
            lastBootstrap[e] = boot[e].clone();
        }

        float[][] snapshot = new float[members][net.memberParamCount()];
        for (int e = 0; e < members; e++) {
            net.copyMember(e, snapshot[e]);
        }
        Holdout holdout = new Holdout(xHold, yHold, hold);
        EarlyStopping stopper = new EarlyStopping(members, options.patience(), options.minImprovement());
        double[] keptMse = new double[members];
        Arrays.fill(keptMse, Double.NaN);
        int b = options.batchSize();
        int batches = (nTrain + b - 1) / b;
        float[] xb = new float[members * b * inDim];
        float[] yb = new float[members * b * outDim];
        PrioritizedRows prio = options.prioritized() ? new PrioritizedRows(members, nTrain) : null;
        int[] drawn = prio == null ? null : new int[members * b];
        float[] weights = prio == null ? null : new float[members * b];
        float[] rowMse = prio == null ? null : new float[members * b];
        lastPriorities = prio;
        int epochs = 0;
        double trainNll = Double.NaN;
        String stop;
        while (true) {
            if (prio == null) {
                for (int e = 0; e < members; e++) {
                    shuffle(boot[e], nTrain, call);
                }
            }
            double nllSum = 0;
            for (int mb = 0; mb < batches; mb++) {
                int rows = prio == null ? Math.min(b, nTrain - mb * b) : b;
                int[][] seen = minibatchObserver == null ? null : new int[members][rows];
                for (int e = 0; e < members; e++) {
                    if (prio != null) {
                        prio.draw(e, rows, call, drawn, weights, e * rows);
                    }
                    for (int i = 0; i < rows; i++) {
                        int src = prio == null ? boot[e][mb * b + i] : boot[e][drawn[e * rows + i]];
                        if (seen != null) {
                            seen[e][i] = src;
                        }
                        System.arraycopy(xTrain, src * inDim, xb, (e * rows + i) * inDim, inDim);
                        System.arraycopy(yTrain, src * outDim, yb, (e * rows + i) * outDim, outDim);
                    }
                }
                if (seen != null) {
                    minibatchObserver.accept(seen);
                }
                double loss = prio == null ? ensemble.trainStep(trainSpace(rows), xb, yb, k)
                        : ensemble.trainStep(trainSpace(rows), xb, yb, weights, rowMse, k);
                if (!Double.isFinite(loss)) {
                    int bad = 0;
                    while (bad < members - 1 && Double.isFinite(ensemble.head().memberLoss(bad))) {
                        bad++;
                    }
                    throw diverged(snapshot, "the training loss of member " + bad + " became "
                            + ensemble.head().memberLoss(bad) + " at epoch " + (epochs + 1) + " (minibatch "
                            + (mb + 1) + " of " + batches + ")");
                }
                for (int e = 0; e < members; e++) {
                    nllSum += ensemble.head().memberLoss(e);
                }
                if (prio != null) {
                    for (int e = 0; e < members; e++) {
                        prio.update(e, rows, drawn, rowMse, e * rows);
                    }
                }
            }
            epochs++;
            trainNll = nllSum / ((double) batches * members);
            holdout.evaluate(false);
            double[] mse = holdout.mse();
            for (int e = 0; e < members; e++) {
                if (!Double.isFinite(mse[e])) {
                    throw diverged(snapshot, "the holdout MSE of member " + e + " became " + mse[e] + " at epoch "
                            + epochs);
                }
            }
            boolean[] improved = stopper.update(mse);
            for (int e = 0; e < members; e++) {
                if (improved[e]) {
                    net.copyMember(e, snapshot[e]);
                    keptMse[e] = mse[e];
                }
            }
            if (stopper.shouldStop()) {
                stop = "plateau";
                break;
            }
            if (options.maxEpochs() != null && epochs >= options.maxEpochs()) {
                stop = "max_epochs";
                break;
            }
            if (options.maxSeconds() != null && (nanoClock.getAsLong() - t0) * 1e-9 >= options.maxSeconds()) {
                stop = "max_seconds";
                break;
            }
        }
        for (int e = 0; e < members; e++) {
            net.restoreMember(e, snapshot[e]);
        }
        holdout.evaluate(true);
        double[] finalMse = holdout.mse();
        Integer[] rank = new Integer[members];
        for (int e = 0; e < members; e++) {
            rank[e] = e;
        }
        Arrays.sort(rank, (p, q) -> Double.compare(finalMse[p], finalMse[q]));
        int[] elites = new int[model.eliteCount()];
        for (int i = 0; i < elites.length; i++) {
            elites[i] = rank[i];
        }
        model.setElites(elites);
        double eliteMse = 0;
        for (int e : elites) {
            eliteMse += finalMse[e] / elites.length;
        }
        double seconds = (nanoClock.getAsLong() - t0) * 1e-9;
        return new TrainReport(data.n(), rejected, nTrain, hold, epochs, stop, trainNll, finalMse, elites, eliteMse,
                holdout.normalisedMse(elites), holdout.within(elites, 1), holdout.within(elites, 2), seconds);
    }

    private ModelTrainingException diverged(float[][] snapshot, String what) {
        for (int e = 0; e < snapshot.length; e++) {
            net.restoreMember(e, snapshot[e]);
        }
        return new ModelTrainingException("model training diverged: " + what + "; each member's weights were"
                + " restored to its last good snapshot. Lower model.lr, or check the data's scale.");
    }

    private Workspace trainSpace(int rows) {
        Workspace ws = trainSpaces.get(rows);
        if (ws == null) {
            // the full batch and the current call's last, partial one; older tails are dropped
            trainSpaces.keySet().removeIf(key -> key != options.batchSize());
            ws = ensemble.workspace(rows, false);
            trainSpaces.put(rows, ws);
        }
        return ws;
    }

    private static void shuffle(int[] a, int n, Rng rng) {
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Holdout evaluation: per-member squared errors per dim and calibration counts. */
    private final class Holdout {
        private final float[] x;
        private final float[] y;
        private final int n;
        private final int chunk;
        private final Workspace ws;
        private final float[] in;
        private final double[][] sse;
        private final long[][] within;
        private final double[] variance;

        Holdout(float[] x, float[] y, int n) {
            this.x = x;
            this.y = y;
            this.n = n;
            this.chunk = Math.min(HOLDOUT_CHUNK, n);
            Workspace cached = holdoutSpaces.get(chunk);
            if (cached == null) {
                holdoutSpaces.clear();
                cached = ensemble.workspace(chunk, true);
                holdoutSpaces.put(chunk, cached);
            }
            this.ws = cached;
            this.in = new float[chunk * model.inDim()];
            int members = net.members();
            int outDim = model.outDim();
            this.sse = new double[members][outDim];
            this.within = new long[members][3];
            this.variance = new double[outDim];
            double[] mean = new double[outDim];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < outDim; j++) {
                    mean[j] += y[i * outDim + j];
                }
            }
            for (int j = 0; j < outDim; j++) {
                mean[j] /= n;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < outDim; j++) {
                    double d = y[i * outDim + j] - mean[j];
                    variance[j] += d * d / n;
                }
            }
        }

        void evaluate(boolean calibration) {
            int members = net.members();
            int inDim = model.inDim();
            int outDim = model.outDim();
            int w = 2 * outDim;
            GaussianHead head = ensemble.head();
            for (double[] s : sse) {
                Arrays.fill(s, 0);
            }
            for (long[] c : within) {
                Arrays.fill(c, 0);
            }
            for (int pos = 0; pos < n; pos += chunk) {
                int rows = Math.min(chunk, n - pos);
                System.arraycopy(x, pos * inDim, in, 0, rows * inDim);
                k.write(in, 0, ws.input());
                float[] out = ensemble.forward(ws, k);
                for (int e = 0; e < members; e++) {
                    for (int i = 0; i < rows; i++) {
                        int o = (e * chunk + i) * w;
                        int t = (pos + i) * outDim;
                        for (int j = 0; j < outDim; j++) {
                            double d = (double) out[o + j] - y[t + j];
                            sse[e][j] += d * d;
                            if (calibration) {
                                double sd = Math.exp(0.5 * head.logVar(out[o + outDim + j], j));
                                double z = Math.abs(d) / sd;
                                within[e][0] += z <= 1 ? 1 : 0;
                                within[e][1] += z <= 2 ? 1 : 0;
                            }
                        }
                    }
                }
            }
        }

        /** Per member: mean over rows and dims of the squared error. */
        double[] mse() {
            int outDim = model.outDim();
            double[] m = new double[sse.length];
            for (int e = 0; e < sse.length; e++) {
                double s = 0;
                for (int j = 0; j < outDim; j++) {
                    s += sse[e][j];
                }
                m[e] = s / ((double) n * outDim);
            }
            return m;
        }

        double normalisedMse(int[] members) {
            int outDim = model.outDim();
            double s = 0;
            for (int e : members) {
                for (int j = 0; j < outDim; j++) {
                    s += sse[e][j] / n / Math.max(variance[j], 1e-12);
                }
            }
            return s / ((double) members.length * outDim);
        }

        double within(int[] members, int sigmas) {
            long c = 0;
            for (int e : members) {
                c += within[e][sigmas - 1];
            }
            return (double) c / ((double) members.length * n * model.outDim());
        }
    }
}
