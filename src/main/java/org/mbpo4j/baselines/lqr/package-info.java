/**
 * LQR as a reference problem with a known answer, for debugging model-based RL: this package
 * owns the systems, their exact optimum, and an MBPO-style learner measured against it.
 *
 * <h2>Conventions</h2>
 * {@code x' = A x + B u + w}, {@code w ~ N(0, noise_std^2 I)}, {@code u = K x}, per-step cost
 * {@code x'Qx + u'Ru}. The optimal gain is {@code K* = -(R + B'PB)^-1 B'PA}, P the stabilising
 * solution of the Riccati equation ({@link org.mbpo4j.baselines.lqr.Riccati}, doubling), and the
 * optimal average cost {@code noise_std^2 trace(P)}. The {@code cost} of a gain is the exact
 * infinite-horizon average cost per step of the deterministic policy {@code u = K x} on the true
 * system ({@link org.mbpo4j.baselines.lqr.PolicyCost}, discrete Lyapunov equation): +Infinity with
 * {@code stable = false} for a gain whose closed loop has spectral radius at or above 1. The
 * Gaussian policy used for learning, {@code u ~ N(K x, sigma^2 I)}, costs
 * {@code sigma^2 trace(R + B'P_K B)} more and has the same minimiser K* (the optimal gain does
 * not depend on the noise covariance). {@code x0_std} and {@code horizon} only shape the episodes
 * the learner collects: episodes start at {@code x0 ~ N(0, x0_std^2 I)} and last {@code horizon}
 * steps.
 *
 * <h2>Learning</h2>
 * {@link org.mbpo4j.baselines.lqr.LqrLearner} collects real episodes at the same rate in every
 * {@link org.mbpo4j.baselines.lqr.Mode}, refits a {@link org.mbpo4j.baselines.lqr.LeastSquaresModel}
 * on all of them, and improves the gain by policy gradient on real, model ("fake") or mixed
 * trajectories, or by Gauss-Newton steps on the exact cost of the model (exact-model).
 *
 * <h2>Why naive off-policy policy gradient does not converge to K*, and the fix</h2>
 * The naive estimator ({@link org.mbpo4j.baselines.lqr.NaiveGradientEstimator}: trajectory-level
 * likelihood ratios, total episode cost without baseline, plain gradient step) fails for four
 * reasons, each answered by {@link org.mbpo4j.baselines.lqr.NaturalActorCritic}:
 * <ol>
 *   <li><b>Trajectory-level weights</b>: the log of a product of T ratios has variance growing
 *       like T |dK x|^2 / sigma^2, so the effective sample size collapses (2 of 60 trajectories in
 *       the worst update of a double-integrator run). Fix: the advantage of the action at t is
 *       regressed conditionally on that action, so only the actions after t inside a short window
 *       are weighted (per-decision weights, truncated); with the default window of 1 the only
 *       weights left are the critic's one-step ratios.</li>
 *   <li><b>No baseline</b>: multiplying the score by the whole episode cost (a large positive
 *       number) buries the signal. Fix: a critic, the average cost J and the quadratic relative
 *       value x'Px (exact for linear policies) by off-policy LSTD(0), turns costs into
 *       advantages.</li>
 *   <li><b>Step size against closed-loop stability</b>: the plain gradient {@code 2 E_K S_K} scales
 *       with the state covariance S_K, which blows up near the stability boundary, so one fixed
 *       step is either too small far from it or overshoots into unstable gains near it. Fix: the
 *       natural (Gauss-Newton) step {@code -H^-1 G}, with G estimating E_K and H the curvature
 *       R + B'P_K B, both by the compatible-feature regression; a cap on ||dK|| relative to ||K||;
 *       and a step shrunk by the estimated signal fraction so that noise is not followed.</li>
 *   <li><b>Bias</b>: the naive estimator follows the episodic cost of T-step episodes from
 *       x0 ~ N(0, x0_std^2 I), whose best stationary gain is not K* (the gap is about 1/T: 1% for
 *       the double integrator at T = 50, 8% for the laplacian at T = 200); sigma itself adds no
 *       bias to the average cost's minimiser, only variance. Fix: advantages for the average cost
 *       (bootstrapped with the critic at the window's end), whose fixed point E_K = 0 is K*
 *       whatever the horizon, the initial states or sigma.</li>
 * </ol>
 *
 * <h2>Limits</h2>
 * On the laplacian with R = 1000 I (closed loops with spectral radius 0.97 to 0.99) the sampled
 * modes are not reliable at the default budget (10^4 real transitions): the LSTD critic is
 * nearly singular on such slow dynamics and confidently wrong early on, and a few wrong steps
 * leave the narrow stabilising set around the small K*; the runs then report
 * {@code stable = false}. exact-model is near-optimal there, and every mode converges on the
 * double integrator and on the laplacian with R = I.
 */
package org.mbpo4j.baselines.lqr;
