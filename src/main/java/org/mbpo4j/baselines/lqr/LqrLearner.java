package org.mbpo4j.baselines.lqr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.mbpo4j.random.Rng;

/**
 * An MBPO-style learner on an LQR system, measured against the exact optimum.
 *
 * <p>Every iteration, in every mode, collects {@code episodesPerIteration} real episodes with
 * the current Gaussian policy and adds them to the least-squares model (refitted on all real
 * transitions so far). Then, by mode, with the default {@link LstdqActorCritic}:
 * <ul>
 *   <li>{@code real}: a policy-gradient update on every real transition so far (LSTD-Q needs
 *       no importance weights, and keeps gain-independent sufficient statistics, so that all
 *       the data cost the same at every iteration); model-free;</li>
 *   <li>{@code fake}: an update on {@code batch} fresh model trajectories under the current
 *       gain;</li>
 *   <li>{@code mixed}: an update on all real transitions and
 *       {@code batch - round(realRatio * batch)} fresh model trajectories, weighted so that
 *       the real ones carry the share {@code realRatio} of the fit (MBPO's real_ratio);</li>
 *   <li>{@code exact-model}: one full Gauss-Newton step {@code K <- K - (R + B'P B)^-1 E_K} on
 *       the exact cost of the estimated model (Hewer's policy iteration); a gain that is
 *       unstable for the model is replaced by the model's optimal gain (certainty equivalence),
 *       and a step that would destabilise the model is halved until it does not.</li>
 * </ul>
 * With {@code nac} or {@code naive} the real batch is the {@code batch} most recent real
 * trajectories (importance-weighted) and a mixed batch takes {@code round(realRatio * batch)}
 * of them.
 *
 * <p>Policy-gradient updates are scaled by the backtracking factor of {@link Safeguards} and
 * capped at {@code trust * factor * ||K||_F}; an update that is not finite is skipped. In the
 * sampled modes an update only proposes a candidate gain: the next iteration's real episodes
 * run it and {@link Safeguards} accepts it or goes back to the last accepted gain, which is
 * what every {@link CurvePoint} reports (the start counts as accepted). Real, model and policy
 * randomness come from separate named streams of one seed.
 */
public final class LqrLearner {
    private final LqrSystem sys;
    private final LqrSolution optimum;
    private final LearnerOptions options;

    /** A learner for {@code sys}, whose optimum {@code optimum} is used for measuring only. */
    public LqrLearner(LqrSystem sys, LqrSolution optimum, LearnerOptions options) {
        this.sys = sys;
        this.optimum = optimum;
        this.options = options;
    }

    /** The default initial gain: optimal for R ten times larger. */
    public static double[][] defaultK0(LqrSystem sys) {
        return Riccati.solve(sys.withCosts(sys.q(), Mat.scale(10, sys.r()))).k();
    }

    /** Runs {@code mode} from {@code seed}; each point (iteration 0 first) also goes to {@code sink}. */
    public List<CurvePoint> run(Mode mode, long seed, Consumer<CurvePoint> sink) {
        return run(mode, seed, sink, estimator());
    }

    private GradientEstimator estimator() {
        return switch (options.estimator()) {
            case LSTDQ -> new LstdqActorCritic(options.step());
            case NAC -> new NaturalActorCritic(options.step(), options.window(), options.clip());
            case NAIVE -> new NaiveGradientEstimator(options.step());
        };
    }

    /** {@link #run(Mode, long, Consumer)} with another estimator (tests inject faulty ones). */
    List<CurvePoint> run(Mode mode, long seed, Consumer<CurvePoint> sink, GradientEstimator estimator) {
        Rng root = new Rng(seed);
        Rng realRng = root.child("real");
        Rng modelRng = root.child("model");
        double[][] k = options.k0() != null ? Mat.copy(options.k0()) : defaultK0(sys);
        PolicyCost.checkGain(sys, k);
        LeastSquaresModel model = new LeastSquaresModel(sys.n(), sys.m());
        Deque<Trajectory> recent = new ArrayDeque<>();
        LstdqStatistics realStats = new LstdqStatistics(sys.n(), sys.m());
        List<CurvePoint> curve = new ArrayList<>();
        Safeguards guard = new Safeguards(k);
        long realTransitions = 0;
        double[][] candidate = null; // a step proposed last iteration, judged on this iteration's episodes
        curve.add(point(mode, 0, realTransitions, k, Double.NaN, Double.NaN, guard, sink));
        for (int it = 1; it <= options.iterations(); it++) {
            double ess = Double.NaN;
            double shrink = Double.NaN;
            double[][] running = candidate != null ? candidate : k;
            GaussianLinearPolicy policy = new GaussianLinearPolicy(running, options.sigma());
            double[] energies = new double[options.episodesPerIteration()];
            for (int e = 0; e < options.episodesPerIteration(); e++) {
                Trajectory tr = Rollouts.real(sys, policy, realRng);
                energies[e] = DivergenceCheck.lateLogEnergy(tr);
                model.add(tr);
                realStats.add(tr);
                recent.addLast(tr);
                realTransitions += tr.length();
                if (recent.size() > options.batch()) {
                    recent.removeFirst();
                }
            }
            if (mode == Mode.EXACT_MODEL) {
                k = exactModelStep(k, model);
            } else {
                k = guard.judge(k, candidate, energies);
                candidate = null;
                LeastSquaresModel.Estimate est = model.ready() ? model.estimate() : null;
                if (mode != Mode.REAL && est != null) {
                    double[][] back = guard.recheck(k, est);
                    if (back != k) {
                        // no step this iteration: the next one runs the gain gone back to, so that the
                        // divergence check has its episodes to compare the following step with
                        k = back;
                        curve.add(point(mode, it, realTransitions, k, ess, shrink, guard, sink));
                        continue;
                    }
                }
                policy = new GaussianLinearPolicy(k, options.sigma());
                GradientEstimator.PolicyStep step = estimator instanceof LstdqActorCritic lstdq
                        ? lstdqStep(lstdq, mode, realStats, est, policy, modelRng)
                        : listStep(estimator, mode, recent, est, policy, modelRng);
                ess = step.effectiveSampleSize();
                shrink = step.shrinkage();
                double[][] delta = step.deltaK();
                if (Mat.isFinite(delta) && Mat.norm(delta) > 0) {
                    delta = Mat.scale(guard.scale(), delta);
                    double norm = Mat.norm(delta);
                    double cap = options.trust() * guard.scale() * Math.max(Mat.norm(k), 1e-12);
                    if (norm > cap) {
                        delta = Mat.scale(cap / norm, delta);
                    }
                    if (mode != Mode.REAL && est != null) {
                        delta = guard.modelCheckedStep(k, delta, est);
                    }
                    if (delta != null) {
                        candidate = Mat.add(k, delta);
                    }
                }
            }
            curve.add(point(mode, it, realTransitions, k, ess, shrink, guard, sink));
        }
        return curve;
    }

    /**
     * The batch of an estimator that takes trajectories: the batch newest real ones (real),
     * batch model rollouts (fake), or round(realRatio batch) newest real ones and the rest from
     * the model (mixed); only real ones while there is no model yet.
     */
    private GradientEstimator.PolicyStep listStep(GradientEstimator estimator, Mode mode, Deque<Trajectory> recent,
                                                  LeastSquaresModel.Estimate est, GaussianLinearPolicy policy,
                                                  Rng modelRng) {
        int nReal = switch (mode) {
            case REAL -> options.batch();
            case FAKE -> 0;
            default -> (int) Math.round(options.realRatio() * options.batch());
        };
        if (est == null) {
            return estimator.estimate(new ArrayList<>(recent), policy);
        }
        List<Trajectory> data = new ArrayList<>(newest(recent, nReal));
        data.addAll(modelRollouts(options.batch() - nReal, est, policy, modelRng));
        return estimator.estimate(data, policy);
    }

    /**
     * The LSTD-Q step, which needs no importance weights and so uses all real data: real
     * mode fits every real transition so far; fake fits batch fresh model rollouts; mixed
     * weights the two so that real transitions carry the share realRatio of the fit (each
     * set normalised by its number of transitions, as real_ratio shares MBPO's minibatches).
     * Without a model yet, the real data alone.
     */
    private GradientEstimator.PolicyStep lstdqStep(LstdqActorCritic lstdq, Mode mode, LstdqStatistics real,
                                                   LeastSquaresModel.Estimate est, GaussianLinearPolicy policy,
                                                   Rng modelRng) {
        if (mode == Mode.REAL || est == null) {
            return lstdq.estimate(real, policy);
        }
        int nFake = mode == Mode.FAKE ? options.batch() : options.batch() - (int) Math.round(options.realRatio()
                * options.batch());
        LstdqStatistics fake = LstdqStatistics.of(modelRollouts(nFake, est, policy, modelRng), sys.n(), sys.m());
        if (mode == Mode.FAKE || real.rows() == 0 || fake.rows() == 0) {
            return lstdq.estimate(mode == Mode.FAKE || real.rows() == 0 ? fake : real, policy);
        }
        double share = options.realRatio();
        return lstdq.estimate(LstdqStatistics.weighted(real, share / real.rows(), fake, (1 - share) / fake.rows()),
                policy);
    }

    private List<Trajectory> modelRollouts(int count, LeastSquaresModel.Estimate est, GaussianLinearPolicy policy,
                                           Rng modelRng) {
        List<Trajectory> out = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            out.add(Rollouts.model(sys, est.a(), est.b(), est.noiseStd(), policy, modelRng));
        }
        return out;
    }

    private double[][] exactModelStep(double[][] k, LeastSquaresModel model) {
        if (!model.ready()) {
            return k;
        }
        LeastSquaresModel.Estimate est = model.estimate();
        LqrSystem m;
        try {
            m = sys.withDynamics("model", est.a(), est.b(), est.noiseStd());
        } catch (InvalidSystemException e) {
            return k; // the estimate is (numerically) not stabilisable: wait for more data
        }
        PolicyCost pc = PolicyCost.of(m, k);
        if (!pc.stable()) {
            try {
                return Riccati.solve(m).k();
            } catch (InvalidSystemException e) {
                return k;
            }
        }
        double[][] direction = Mat.scale(-1, Mat.solve(pc.curvature(m), pc.naturalGradientHalf(m)));
        double eta = 1;
        for (int halvings = 0; halvings < 30; halvings++) {
            double[][] next = Mat.add(k, Mat.scale(eta, direction));
            if (PolicyCost.of(m, next).stable()) {
                return next;
            }
            eta /= 2;
        }
        return k;
    }

    private static List<Trajectory> newest(Deque<Trajectory> recent, int count) {
        List<Trajectory> out = new ArrayList<>();
        Iterator<Trajectory> it = recent.descendingIterator();
        while (it.hasNext() && out.size() < count) {
            out.add(it.next());
        }
        return out;
    }

    private CurvePoint point(Mode mode, int it, long real, double[][] k, double ess, double shrink,
                             Safeguards guard, Consumer<CurvePoint> sink) {
        PolicyCost pc = PolicyCost.of(sys, k);
        CurvePoint p = new CurvePoint(mode, it, real, Mat.copy(k), optimum.relativeError(k), pc.cost(),
                optimum.costGap(pc.cost()), pc.stable(), ess, shrink, guard.reverts(), guard.modelRejections(),
                guard.modelReverts());
        if (sink != null) {
            sink.accept(p);
        }
        return p;
    }
}
