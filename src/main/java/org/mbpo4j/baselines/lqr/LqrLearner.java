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
 * transitions so far). Then, by mode:
 * <ul>
 *   <li>{@code real}: a policy-gradient update on the {@code batch} most recent real
 *       trajectories (gathered under earlier gains, hence importance weights);</li>
 *   <li>{@code fake}: an update on {@code batch} fresh model trajectories under the current
 *       gain;</li>
 *   <li>{@code mixed}: an update on {@code round(realRatio * batch)} recent real trajectories and
 *       the rest from the model;</li>
 *   <li>{@code exact-model}: one full Gauss-Newton step {@code K <- K - (R + B'P B)^-1 E_K} on
 *       the exact cost of the estimated model (Hewer's policy iteration); a gain that is
 *       unstable for the model is replaced by the model's optimal gain (certainty equivalence),
 *       and a step that would destabilise the model is halved until it does not.</li>
 * </ul>
 * Policy-gradient updates are capped at {@code trust ||K||_F}; an update that is not finite is
 * skipped. Real, model and policy randomness come from separate named streams of one seed.
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
        Rng root = new Rng(seed);
        Rng realRng = root.child("real");
        Rng modelRng = root.child("model");
        double[][] k = options.k0() != null ? Mat.copy(options.k0()) : defaultK0(sys);
        PolicyCost.checkGain(sys, k);
        GradientEstimator estimator = options.naive() ? new NaiveGradientEstimator(options.step())
                : new NaturalActorCritic(options.step(), options.window(), options.clip());
        LeastSquaresModel model = new LeastSquaresModel(sys.n(), sys.m());
        Deque<Trajectory> recent = new ArrayDeque<>();
        List<CurvePoint> curve = new ArrayList<>();
        long realTransitions = 0;
        curve.add(point(mode, 0, realTransitions, k, Double.NaN, Double.NaN, sink));
        for (int it = 1; it <= options.iterations(); it++) {
            double ess = Double.NaN;
            double shrink = Double.NaN;
            GaussianLinearPolicy policy = new GaussianLinearPolicy(k, options.sigma());
            for (int e = 0; e < options.episodesPerIteration(); e++) {
                Trajectory tr = Rollouts.real(sys, policy, realRng);
                model.add(tr);
                recent.addLast(tr);
                realTransitions += tr.length();
                if (recent.size() > options.batch()) {
                    recent.removeFirst();
                }
            }
            if (mode == Mode.EXACT_MODEL) {
                k = exactModelStep(k, model);
            } else {
                int nReal = switch (mode) {
                    case REAL -> options.batch();
                    case FAKE -> 0;
                    default -> (int) Math.round(options.realRatio() * options.batch());
                };
                List<Trajectory> data = new ArrayList<>(newest(recent, nReal));
                LeastSquaresModel.Estimate est = model.ready() ? model.estimate() : null;
                int nFake = options.batch() - nReal;
                if (est == null) {
                    data = new ArrayList<>(recent); // no model yet: real data only
                } else {
                    for (int f = 0; f < nFake; f++) {
                        data.add(Rollouts.model(sys, est.a(), est.b(), est.noiseStd(), policy, modelRng));
                    }
                }
                GradientEstimator.PolicyStep step = estimator.estimate(data, policy);
                ess = step.effectiveSampleSize();
                shrink = step.shrinkage();
                double[][] delta = step.deltaK();
                double norm = Mat.norm(delta);
                double cap = options.trust() * Math.max(Mat.norm(k), 1e-12);
                if (Mat.isFinite(delta)) {
                    if (norm > cap) {
                        delta = Mat.scale(cap / norm, delta);
                    }
                    k = Mat.add(k, delta);
                }
            }
            curve.add(point(mode, it, realTransitions, k, ess, shrink, sink));
        }
        return curve;
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
                             Consumer<CurvePoint> sink) {
        PolicyCost pc = PolicyCost.of(sys, k);
        CurvePoint p = new CurvePoint(mode, it, real, Mat.copy(k), optimum.relativeError(k), pc.cost(),
                optimum.costGap(pc.cost()), pc.stable(), ess, shrink);
        if (sink != null) {
            sink.accept(p);
        }
        return p;
    }
}
