package org.mbpo4j.baselines.lqr;

import java.util.ArrayList;
import java.util.List;

/**
 * What keeps a sampled-mode learner (real, fake, mixed) from handing back a gain worse than
 * its start, and the counts of what it did. A proposed gain is a <em>candidate</em> until the
 * next iteration's real episodes, run under it, have been judged.
 *
 * <ol>
 *   <li><b>Revert on divergence</b> (every sampled mode, model-free): if those episodes diverge
 *       ({@link DivergenceCheck}), the learner goes back to the last accepted gain and halves
 *       its steps (backtracking); each accepted candidate lets the step grow back by sqrt 2,
 *       up to the full step. Counted in {@link #reverts()}.</li>
 *   <li><b>Model check of a step</b> (fake, mixed): a step is halved (at most
 *       {@value #MAX_HALVINGS} times, then dropped) until the fitted least-squares model finds
 *       the new gain stable, {@code rho(A_hat + B_hat K) < 1}, and either robustly so,
 *       {@code rho + 3 se(rho) < 1}, or no less robustly than the accepted gain;
 *       se(rho) is the model's standard error of the radius
 *       ({@link LeastSquaresModel.Estimate#radiusStdError}). Each halving counts in
 *       {@link #modelRejections()}.</li>
 *   <li><b>Model re-check of the accepted gain</b> (fake, mixed): an early model can pass a
 *       step that a later, better model finds unstable. Every iteration the refitted model
 *       re-checks the accepted gain; if it finds it unstable, the learner goes back to the
 *       newest earlier accepted gain that the model finds robustly stable (else stable) and
 *       halves its steps. Counted in {@link #modelReverts()}.</li>
 * </ol>
 * The real mode stays model-free: only the first safeguard applies to it.
 */
final class Safeguards {
    /** Halvings of the model check per proposed step before the step is dropped. */
    static final int MAX_HALVINGS = 20;
    /** Standard errors of the model's spectral radius kept between a new gain and instability. */
    static final double MARGIN_SE = 3;

    private final DivergenceCheck divergence = new DivergenceCheck();
    private final List<double[][]> history = new ArrayList<>();
    private double scale = 1;
    private int reverts;
    private int modelRejections;
    private int modelReverts;

    /** Safeguards of a run that starts from k0. */
    Safeguards(double[][] k0) {
        history.add(Mat.copy(k0));
    }

    /** The backtracking factor on the step, in (0, 1]. */
    double scale() {
        return scale;
    }

    /** Candidates reverted because their real episodes diverged. */
    int reverts() {
        return reverts;
    }

    /** Halvings of proposed steps that the fitted model found unstable. */
    int modelRejections() {
        return modelRejections;
    }

    /** Accepted gains abandoned because the refitted model found them unstable. */
    int modelReverts() {
        return modelReverts;
    }

    /**
     * Judges a candidate on the late energies of the real episodes run under it
     * ({@link DivergenceCheck#lateLogEnergy}) and returns the gain to continue from: the
     * candidate, or the accepted gain if the episodes diverged. Without a candidate the
     * episodes were run under the accepted gain and join its reference.
     */
    double[][] judge(double[][] accepted, double[][] candidate, double[] energies) {
        if (candidate == null) {
            divergence.accept(accepted, energies);
            return accepted;
        }
        if (divergence.check(energies).diverged()) {
            reverts++;
            scale /= 2;
            return accepted;
        }
        scale = Math.min(1, scale * Math.sqrt(2));
        divergence.accept(candidate, energies);
        history.add(Mat.copy(candidate));
        return candidate;
    }

    /** The accepted gain, or an earlier one if the refitted model finds it unstable (safeguard 3). */
    double[][] recheck(double[][] accepted, LeastSquaresModel.Estimate est) {
        if (!(radius(est, accepted) >= 1)) {
            return accepted;
        }
        int back = -1;
        for (int i = history.size() - 1; i >= 0 && back < 0; i--) {
            if (pessimisticRadius(est, history.get(i)) < 1) {
                back = i;
            }
        }
        for (int i = history.size() - 1; i >= 0 && back < 0; i--) {
            if (radius(est, history.get(i)) < 1) {
                back = i;
            }
        }
        if (back < 0) {
            return accepted; // the model finds every gain tried unstable: it is not to be trusted yet
        }
        double[][] k = history.get(back);
        history.subList(back + 1, history.size()).clear();
        modelReverts++;
        scale /= 2;
        return k;
    }

    /**
     * delta, halved until the fitted model accepts k + delta (safeguard 2); null if it never
     * does.
     */
    double[][] modelCheckedStep(double[][] k, double[][] delta, LeastSquaresModel.Estimate est) {
        double bound = pessimisticRadius(est, k);
        for (int h = 0; h < MAX_HALVINGS; h++) {
            double[][] next = Mat.add(k, delta);
            double pessimistic = pessimisticRadius(est, next);
            if (radius(est, next) < 1 && (pessimistic < 1 || pessimistic <= bound)) {
                return delta;
            }
            modelRejections++;
            delta = Mat.scale(0.5, delta);
        }
        return null;
    }

    private static double radius(LeastSquaresModel.Estimate est, double[][] k) {
        return Mat.spectralRadius(est.closedLoop(k));
    }

    private static double pessimisticRadius(LeastSquaresModel.Estimate est, double[][] k) {
        return radius(est, k) + MARGIN_SE * est.radiusStdError(k);
    }
}
