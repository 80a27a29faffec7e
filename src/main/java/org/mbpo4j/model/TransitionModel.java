package org.mbpo4j.model;

import java.util.Arrays;
import org.mbpo4j.nn.Block;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/**
 * A {@link GaussianEnsemble} with the data rules of a dynamics model (mbrl-lib's
 * "OneDimTransitionRewardModel"): inputs are {@code [obs, action]} standardised by a
 * {@link Normalizer} fitted on the training data; targets are {@code obs' - obs} for every
 * observation dimension except those listed as absolute (predicted as {@code obs'} itself),
 * followed by the reward when rewards are learned. Predictions come back in env units.
 *
 * <p>Output layout of the ensemble: {@code obsDim} observation targets, then the reward
 * (when learned).
 *
 * <p>The {@link #elites()} are the members used for sampling; {@link ModelTrainer} sets them
 * to the members with the lowest holdout error. Not thread-safe.
 */
public final class TransitionModel {
    private final GaussianEnsemble ensemble;
    private final int obsDim;
    private final int actDim;
    private final boolean learnedRewards;
    private final boolean[] delta;
    private final Normalizer normalizer;
    private final boolean normalizeTargets;
    private final Normalizer targetNormalizer;
    private double[] targetMean;
    private double[] targetStd;
    private int[] elites;
    private Sampler sampler;

    /**
     * @param ensemble       input {@code obsDim + actDim}, output {@code obsDim (+1 with learned rewards)}
     * @param absoluteDims   observation dims predicted as values rather than deltas
     * @param elites         how many members sampling uses, 1 to {@code members}
     */
    public TransitionModel(GaussianEnsemble ensemble, int obsDim, int actDim, boolean learnedRewards,
                           int[] absoluteDims, int elites) {
        this(ensemble, obsDim, actDim, learnedRewards, absoluteDims, elites, false);
    }

    /**
     * As above; with {@code normalizeTargets} the ensemble learns standardised targets (mean and
     * std of the training targets, like the inputs), and predictions are scaled back.
     */
    public TransitionModel(GaussianEnsemble ensemble, int obsDim, int actDim, boolean learnedRewards,
                           int[] absoluteDims, int elites, boolean normalizeTargets) {
        GaussianEnsemble.Spec s = ensemble.spec();
        if (obsDim < 1 || actDim < 1) {
            throw new IllegalArgumentException("obs and action dims must be >= 1, got " + obsDim + " and " + actDim);
        }
        if (s.inDim() != obsDim + actDim) {
            throw new IllegalArgumentException("the ensemble takes " + s.inDim() + " inputs; obs " + obsDim
                    + " + action " + actDim + " = " + (obsDim + actDim));
        }
        int out = obsDim + (learnedRewards ? 1 : 0);
        if (s.outDim() != out) {
            throw new IllegalArgumentException("the ensemble predicts " + s.outDim() + " values; this model needs "
                    + out + " (obs " + obsDim + (learnedRewards ? " + reward" : "") + ")");
        }
        if (elites < 1 || elites > s.members()) {
            throw new IllegalArgumentException("elites must be in [1, " + s.members() + "] (the members), got "
                    + elites);
        }
        this.ensemble = ensemble;
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.learnedRewards = learnedRewards;
        this.delta = new boolean[obsDim];
        Arrays.fill(delta, true);
        for (int d : absoluteDims) {
            if (d < 0 || d >= obsDim) {
                throw new IllegalArgumentException("absolute dim " + d + " is not an observation dim: allowed 0.."
                        + (obsDim - 1));
            }
            if (!delta[d]) {
                throw new IllegalArgumentException("absolute dim " + d + " is listed twice");
            }
            delta[d] = false;
        }
        this.normalizer = new Normalizer(obsDim + actDim);
        this.normalizeTargets = normalizeTargets;
        this.targetNormalizer = new Normalizer(out);
        this.targetMean = targetNormalizer.mean();
        this.targetStd = targetNormalizer.std();
        this.elites = new int[elites];
        for (int i = 0; i < elites; i++) {
            this.elites[i] = i;
        }
    }

    /** A model on the MBPO ensemble defaults ({@link GaussianEnsemble.Spec#mbpo}), learned rewards, all deltas, 5 elites. */
    public static TransitionModel mbpo(int obsDim, int actDim, Rng rng) {
        return new TransitionModel(new GaussianEnsemble(GaussianEnsemble.Spec.mbpo(obsDim + actDim, obsDim + 1), rng),
                obsDim, actDim, true, new int[0], 5);
    }

    /** A fresh model with these options, for a task of these dims. */
    public static TransitionModel create(ModelOptions c, int obsDim, int actDim, Rng rng) {
        int out = obsDim + (c.learnedRewards() ? 1 : 0);
        GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(c.members(), obsDim + actDim, out, c.hidden(),
                c.hiddenLayers(), c.weightDecayPerLayer(), c.learnLogvarBounds(), c.lr());
        int[] abs = c.absoluteDims().stream().mapToInt(Integer::intValue).toArray();
        return new TransitionModel(new GaussianEnsemble(spec, rng), obsDim, actDim, c.learnedRewards(), abs,
                c.elites(), c.normalizeTargets());
    }

    public GaussianEnsemble ensemble() {
        return ensemble;
    }

    public int obsDim() {
        return obsDim;
    }

    public int actDim() {
        return actDim;
    }

    public int inDim() {
        return obsDim + actDim;
    }

    /** Width of a target row: obs dims, plus the reward when learned. */
    public int outDim() {
        return ensemble.spec().outDim();
    }

    public boolean learnedRewards() {
        return learnedRewards;
    }

    /** Whether observation dim {@code j} is predicted as a delta (else as an absolute value). */
    public boolean isDelta(int j) {
        return delta[j];
    }

    /** The observation dims predicted as absolute values, ascending. */
    public int[] absoluteDims() {
        return java.util.stream.IntStream.range(0, obsDim).filter(j -> !delta[j]).toArray();
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    /** Whether the ensemble learns standardised targets. */
    public boolean normalizesTargets() {
        return normalizeTargets;
    }

    /** The targets' normaliser (the identity unless {@link #normalizesTargets()}). */
    public Normalizer targetNormalizer() {
        return targetNormalizer;
    }

    /**
     * Refits the input normaliser (and the target normaliser, when targets are normalised) to
     * {@code n} rows of raw training inputs and targets, and rescales the first layer, the last
     * layer and the log-variance bounds so that every member computes exactly the function it
     * computed before (up to float rounding): training continues from where the last call left
     * off instead of from weights that no longer fit their inputs and outputs. (The original
     * MBPO refits its input scaler without this; on Pendulum the first training after the data
     * grew then fell from 0.0018 to 0.06 normalised holdout error before recovering.) The
     * first call only fits the statistics: the initial weights are drawn for standardised data.
     */
    void refitNormalizers(float[] rawInputs, float[] rawTargets, int n) {
        if (!normalizer.fitted()) {
            // first training: the initial weights are meant for standardised data as they are
            normalizer.fit(rawInputs, null, n);
            if (normalizeTargets) {
                targetNormalizer.fit(rawTargets, null, n);
                targetStatisticsChanged();
            }
            return;
        }
        double[] oldInMean = normalizer.mean();
        double[] oldInStd = normalizer.std();
        normalizer.fit(rawInputs, null, n);
        double[] inMean = normalizer.mean();
        double[] inStd = normalizer.std();
        EnsembleMlp net = ensemble.net();
        int members = net.members();
        int in = inDim();
        int h1 = net.sizes()[1];
        Block w0 = net.weights(0);
        Block b0 = net.biases(0);
        for (int e = 0; e < members; e++) {
            for (int o = 0; o < h1; o++) {
                double shift = 0;
                for (int i = 0; i < in; i++) {
                    int idx = (e * in + i) * h1 + o;
                    double w = w0.get(idx);
                    shift += w * (inMean[i] - oldInMean[i]) / oldInStd[i];
                    w0.set(idx, (float) (w * inStd[i] / oldInStd[i]));
                }
                b0.set(e * h1 + o, (float) (b0.get(e * h1 + o) + shift));
            }
        }
        if (!normalizeTargets) {
            return;
        }
        double[] oldMean = targetMean;
        double[] oldStd = targetStd;
        targetNormalizer.fit(rawTargets, null, n);
        targetStatisticsChanged();
        int out = outDim();
        int last = net.layers() - 1;
        int hid = net.sizes()[last];
        Block wl = net.weights(last);
        Block bl = net.biases(last);
        float[] max = ensemble.head().maxLogVar();
        float[] min = ensemble.head().minLogVar();
        for (int j = 0; j < out; j++) {
            double r = oldStd[j] / targetStd[j];
            double offset = (oldMean[j] - targetMean[j]) / targetStd[j];
            double lvShift = 2 * Math.log(r);
            for (int e = 0; e < members; e++) {
                for (int h = 0; h < hid; h++) {
                    int idx = (e * hid + h) * 2 * out + j;
                    wl.set(idx, (float) (wl.get(idx) * r));
                }
                int bm = e * 2 * out + j;
                bl.set(bm, (float) (bl.get(bm) * r + offset));
                int bv = e * 2 * out + out + j;
                bl.set(bv, (float) (bl.get(bv) + lvShift));
            }
            // lv = min + softplus(max - softplus(max - raw) - min) moves by exactly the shift
            // when raw and both bounds move by it
            max[j] = (float) (max[j] + lvShift);
            min[j] = (float) (min[j] + lvShift);
        }
    }

    /** Call after changing {@link #targetNormalizer()}'s statistics. */
    void targetStatisticsChanged() {
        targetMean = targetNormalizer.mean();
        targetStd = targetNormalizer.std();
    }

    /** The members that sampling draws from, best first once trained (a copy). */
    public int[] elites() {
        return elites.clone();
    }

    /** How many elites the model keeps. */
    public int eliteCount() {
        return elites.length;
    }

    /** Sets the elites: {@link #eliteCount()} distinct member indices. */
    public void setElites(int[] members) {
        if (members.length != elites.length) {
            throw new IllegalArgumentException("expected " + elites.length + " elites, got " + members.length);
        }
        boolean[] seen = new boolean[ensemble.spec().members()];
        for (int e : members) {
            if (e < 0 || e >= seen.length || seen[e]) {
                throw new IllegalArgumentException("elites must be distinct members in [0, " + seen.length + "), got "
                        + Arrays.toString(members));
            }
            seen[e] = true;
        }
        elites = members.clone();
    }

    /** Writes row {@code row}'s standardised input {@code [obs, action]} into {@code dst} at {@code dstOff}. */
    public void input(float[] obs, float[] act, int row, float[] dst, int dstOff) {
        normalizer.applySplit(obs, row * obsDim, obsDim, act, row * actDim, dst, dstOff);
    }

    /** Writes row {@code row}'s training target into {@code dst} at {@code dstOff}. */
    public void target(float[] obs, float[] reward, float[] nextObs, int row, float[] dst, int dstOff) {
        int o = row * obsDim;
        for (int j = 0; j < obsDim; j++) {
            dst[dstOff + j] = delta[j] ? nextObs[o + j] - obs[o + j] : nextObs[o + j];
        }
        if (learnedRewards) {
            dst[dstOff + obsDim] = reward[row];
        }
    }

    /**
     * Samples next observations (and rewards, when learned) for {@code n} rows.
     *
     * @param members     the member each row uses (any members, usually elites), or null for
     *                    the elites' mean ({@link Propagation#ELITE_MEAN})
     * @param deterministic the predicted mean instead of a Gaussian sample
     * @param nextObs     receives {@code n} rows of next observations
     * @param reward      receives {@code n} rewards when rewards are learned (may be null otherwise)
     */
    public void sample(float[] obs, float[] act, int n, int[] members, boolean deterministic, Rng rng,
                       int chunk, Kernels k, float[] nextObs, float[] reward) {
        sample(obs, act, n, members, null, deterministic, rng, chunk, k, nextObs, reward);
    }

    /**
     * {@link #sample(float[], float[], int, int[], boolean, Rng, int, Kernels, float[], float[])}
     * where some rows repeat others: row {@code i} has the observation, action and member of row
     * {@code source[i]} (a row that is its own source, {@code source[source[i]] == source[i]}),
     * so the network runs once for them all and only the Gaussian noise differs. The samples are
     * those of the call without {@code source} (null: every row runs). A planner's first step,
     * where all particles of a candidate start from one observation, runs a quarter of its rows.
     *
     * @throws IllegalArgumentException if {@code source} is given without {@code members}, or a
     *                                  row's source is out of range, not its own source, or
     *                                  uses another member
     */
    public void sample(float[] obs, float[] act, int n, int[] members, int[] source, boolean deterministic,
                       Rng rng, int chunk, Kernels k, float[] nextObs, float[] reward) {
        if (learnedRewards && reward == null) {
            throw new IllegalArgumentException("this model learns rewards: pass an array for them");
        }
        if (sampler == null || sampler.chunk != chunk) {
            sampler = new Sampler(this, chunk);
        }
        sampler.sample(obs, act, n, members, source, deterministic, rng, k, nextObs, reward);
    }

    /**
     * Turns a prediction {@code p} (the ensemble's units: standardised targets when targets are
     * normalised) of row {@code row} into its next observation and reward.
     */
    void toEnvUnits(float[] obs, int row, double[] p, float[] nextObs, float[] reward) {
        int o = row * obsDim;
        for (int j = 0; j < obsDim; j++) {
            double v = p[j] * targetStd[j] + targetMean[j];
            nextObs[o + j] = (float) (delta[j] ? obs[o + j] + v : v);
        }
        if (learnedRewards) {
            reward[row] = (float) (p[obsDim] * targetStd[obsDim] + targetMean[obsDim]);
        }
    }
}
