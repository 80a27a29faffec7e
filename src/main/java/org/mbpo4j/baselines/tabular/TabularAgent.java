package org.mbpo4j.baselines.tabular;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * An MBPO-style agent on a tabular MDP whose exact optimum is known, to watch the trade-off
 * between real and model-generated ("fake") data against the true answer.
 *
 * <p>The policy is a {@link SoftmaxPolicy} over a table of logits, starting uniform; the model
 * is a {@link CountsModel} of the real transitions. A run is:
 * <ol>
 *   <li><b>Initial collection</b> (iteration 0, every mode): {@code initialEpisodes} real
 *       episodes under the uniform policy train the model and form the first real batch.</li>
 *   <li>Each <b>iteration</b>:
 *     <ol>
 *       <li>every mode: collect {@code episodes} real episodes (counted in
 *           {@code real_transitions}) under the current policy mixed with the uniform one,
 *           {@code (1 - eps) pi + eps / A} ({@link AgentOptions#exploration}: by default 0.1 when
 *           model data are used, 0 in real mode), and add them to the model. Real and mixed
 *           mode also keep them in the replay of the last {@code replayIterations} iterations
 *           (with the probabilities their actions had when taken); fake mode uses them for the
 *           model only, as MBPO does;</li>
 *       <li>{@code updates} policy updates: 1 in real mode, {@link AgentOptions#modelUpdates}
 *           (default 20) when model data are used, since these are cheap and fresh for each
 *           update. Each update is {@code r A_real(g_real) + (1 - r) A_fake(g_fake)} with
 *           {@code r} the real ratio (1 real, 0 fake), {@code g_real} the {@link PolicyGradient}
 *           estimate of the replay with per-decision {@link ImportanceWeights}, {@code g_fake}
 *           the fake part ({@link FakeGradient}: by default the model's advantages, the
 *           natural policy gradient of {@link ModelGradient#natural}), {@code A_real} an
 *           {@link AdamAscent} step and {@code A_fake} either a second, separate Adam (sampled
 *           and expected fake gradients) or, for the natural gradient, the advantages times the
 *           effective horizon {@code 1 / (1 - gamma)} (the fake horizon when gamma is 1): a soft
 *           policy-iteration step;</li>
 *       <li>evaluate the new policy exactly under the true MDP ({@link PolicyEvaluation}); with
 *           {@link AgentOptions#stopGap} the run stops at the first evaluation whose greedy
 *           policy is optimal and whose gap is at most that.</li>
 *     </ol>
 *   </li>
 * </ol>
 * With a horizon {@code H}, real episodes last {@code H} steps and fake ones at most
 * {@code fakeHorizon} (default {@code H}) steps from wherever they branch, whatever the time
 * step their start state was visited at: the stationary softmax policy approximates the
 * time-dependent optimum, and the gap is measured against {@code V*_0}.
 * Real episodes and fake episodes use separate random streams split from the seed, so a mixed
 * run with real ratio 1 reproduces a real run exactly, and the initial data are the same in
 * every mode.
 */
public final class TabularAgent {
    private final TabularMdp mdp;
    private final AgentOptions options;
    private final long seed;
    private final Solution optimum;

    /** An agent for {@code mdp} (solved exactly once, for the gaps) with the given options and seed. */
    public TabularAgent(TabularMdp mdp, AgentOptions options, long seed) {
        this(mdp, options, seed, ValueIteration.solve(mdp));
    }

    /** An agent reusing an exact solution of {@code mdp}. */
    public TabularAgent(TabularMdp mdp, AgentOptions options, long seed, Solution optimum) {
        this.mdp = mdp;
        this.options = options.check();
        this.seed = seed;
        this.optimum = optimum;
    }

    /** Runs the agent. */
    public AgentResult run() {
        return run(p -> { });
    }

    /** Runs the agent, reporting every evaluation to {@code progress}. */
    public AgentResult run(Consumer<CurvePoint> progress) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom realRng = root.split();
        SplittableRandom fakeRng = root.split();
        int states = mdp.states();
        int actions = mdp.actions();
        double ratio = options.effectiveRealRatio();
        int maxSteps = options.maxEpisodeSteps(mdp);
        int fakeHorizon = options.fakeHorizon(mdp);
        double vStar = optimum.startValue(mdp);

        SoftmaxPolicy policy = new SoftmaxPolicy(states, actions);
        CountsModel model = new CountsModel(states, actions);
        AdamAscent realAdam = new AdamAscent(states, actions, options.learningRate());
        AdamAscent fakeAdam = new AdamAscent(states, actions, options.learningRate());
        Deque<List<Episode>> replay = new ArrayDeque<>();
        long[] fakeCount = new long[1];
        List<CurvePoint> curve = new ArrayList<>();

        replay.addLast(collect(options.initialEpisodes(), policy, model, maxSteps, realRng));
        CurvePoint point = evaluate(0, model.transitions(), 0, policy, vStar);
        curve.add(point);
        progress.accept(point);
        int updates = ratio < 1 ? options.modelUpdates() : 1;
        double naturalScale = mdp.gamma() < 1 ? 1 / (1 - mdp.gamma()) : fakeHorizon;
        int done = 0;
        for (int it = 1; it <= options.iterations(); it++) {
            SoftmaxPolicy behaviour = options.exploration() > 0 ? policy.mixedWithUniform(options.exploration())
                    : policy;
            List<Episode> fresh = collect(options.episodes(), behaviour, model, maxSteps, realRng);
            if (ratio > 0) {
                replay.addLast(fresh);
                while (replay.size() > options.replayIterations()) {
                    replay.removeFirst();
                }
            }
            List<Episode> real = new ArrayList<>();
            if (ratio > 0) {
                replay.forEach(real::addAll);
            }
            for (int u = 0; u < updates; u++) {
                double[][] step = new double[states][actions];
                if (ratio > 0) {
                    double[][] g = PolicyGradient.estimate(real, policy, mdp.gamma(), options.weighting()).gradient();
                    addScaled(step, realAdam.step(g), ratio);
                }
                if (ratio < 1) {
                    double[][] g = fakeGradient(model, policy, fakeHorizon, fakeRng, fakeCount);
                    // The natural gradient is the model's advantage table: a soft policy-iteration
                    // step (pi <- pi exp(A / (1 - gamma))) moves every logit by its advantage in
                    // units of the effective horizon. Adam would scale a small advantage by the
                    // memory of earlier large ones, and a choice made on an early wrong model would
                    // then take thousands of updates to undo.
                    addScaled(step, options.fakeGradient() == FakeGradient.NATURAL ? g : fakeAdam.step(g),
                            (1 - ratio) * (options.fakeGradient() == FakeGradient.NATURAL ? naturalScale : 1));
                }
                policy.add(step);
            }
            done = it;
            if (it % options.evalEvery() == 0 || it == options.iterations()) {
                point = evaluate(it, model.transitions(), fakeCount[0], policy, vStar);
                curve.add(point);
                progress.accept(point);
                if (options.stopGap() > 0 && point.greedyOptimal() && point.gap() <= options.stopGap()) {
                    break;
                }
            }
        }
        CurvePoint last = curve.get(curve.size() - 1);
        return new AgentResult(mdp.name(), mdp.gamma(), options.mode(), ratio, vStar, last.vPiStart(), last.gap(),
                last.greedyOptimal(), model.transitions(), fakeCount[0], done,
                modelOptimumGap(model, vStar), List.copyOf(curve), policy.table());
    }

    /**
     * Whether a policy is optimal from the start distribution: its exact start value is within
     * {@code 1e-9 max(1, |V*(start)|)} of the optimum (a policy whose value is undefined,
     * possible only with {@code gamma = 1}, is not). The agent applies it to the greedy policy
     * of its logits, ties shared ({@link SoftmaxPolicy#greedyTable}): "policy_optimal" means
     * that always taking the most probable action is optimal, while the stochastic policy
     * itself keeps some probability on the others, hence a gap that is small but not 0.
     */
    public static boolean isOptimal(TabularMdp mdp, double[][] policy, double vStarStart) {
        double v;
        try {
            v = mdp.startValue(PolicyEvaluation.evaluate(mdp, policy));
        } catch (IllegalArgumentException undefined) {
            return false;
        }
        return v >= vStarStart - 1e-9 * Math.max(1, Math.abs(vStarStart));
    }

    /**
     * The fake part of one update, as {@link AgentOptions#fakeGradient}; sampled fake
     * transitions are added to {@code fakeCount[0]}.
     */
    private double[][] fakeGradient(CountsModel model, SoftmaxPolicy policy, int fakeHorizon, SplittableRandom rng,
                                    long[] fakeCount) {
        switch (options.fakeGradient()) {
            case NATURAL:
                return ModelGradient.natural(model, policy, mdp.gamma(), fakeHorizon, !mdp.hasHorizon() && mdp.gamma() < 1);
            case EXPECTED:
                return ModelGradient.expected(model, policy, mdp.gamma(), fakeHorizon);
            default:
                List<Episode> fake = new ArrayList<>(options.fakeEpisodes());
                for (int i = 0; i < options.fakeEpisodes(); i++) {
                    int from = model.sampleVisitedState(rng);
                    if (from < 0) {
                        break;
                    }
                    Episode e = Rollouts.fake(model, policy, from, fakeHorizon, rng);
                    fakeCount[0] += e.length();
                    fake.add(e);
                }
                return PolicyGradient.estimate(fake, policy, mdp.gamma(), options.weighting()).gradient();
        }
    }

    /** The true gap of the learned model's optimal policy; NaN if the model cannot be solved. */
    private double modelOptimumGap(CountsModel model, double vStar) {
        try {
            int[] best = ValueIteration.solve(model.toMdp(mdp)).policy();
            return vStar - mdp.startValue(PolicyEvaluation.evaluate(mdp, best));
        } catch (IllegalArgumentException unsolvable) {
            return Double.NaN;
        }
    }

    private CurvePoint evaluate(int iteration, long real, long fake, SoftmaxPolicy policy, double vStar) {
        double vPi = mdp.startValue(PolicyEvaluation.evaluate(mdp, policy.table()));
        return new CurvePoint(iteration, real, fake, vPi, vStar - vPi, isOptimal(mdp, policy.greedyTable(), vStar));
    }

    private List<Episode> collect(int n, SoftmaxPolicy policy, CountsModel model, int maxSteps,
                                  SplittableRandom rng) {
        List<Episode> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Episode e = Rollouts.real(mdp, policy, maxSteps, rng);
            model.add(e);
            batch.add(e);
        }
        return batch;
    }

    private static void addScaled(double[][] g, double[][] part, double scale) {
        for (int s = 0; s < g.length; s++) {
            for (int a = 0; a < g[s].length; a++) {
                g[s][a] += scale * part[s][a];
            }
        }
    }
}
