/**
 * LQR as a reference problem with a known answer, for debugging model-based RL: this package
 * owns the systems, their exact optimum, and an MBPO-style learner measured against it.
 *
 * <h2>Conventions</h2>
 * {@code x' = A x + B u + w}, {@code w ~ N(0, noise_std^2 I)}, {@code u = K x}, per-step cost
 * {@code x'Qx + u'Ru}. The optimal gain is {@code K* = -(R + B'PB)^-1 B'PA}, P the stabilising
 * solution of the Riccati equation ({@link org.mbpo4j.baselines.lqr.Riccati}, doubling; see
 * Numerics), and the
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
 * <h2>Numerics</h2>
 * Matrices are {@code double[rows][cols]}. {@link org.mbpo4j.baselines.lqr.Mat} writes out the
 * elementwise operations and products and leaves the factorisations to EJML
 * ({@code org.ejml:ejml-ddense}): LU solves with a pivot test relative to the matrix's scale,
 * and eigenvalues after balancing (a diagonal similarity by powers of two). The package owns
 * two solvers on top of them, both meant to be robust to scaling:
 * <ul>
 *   <li>{@link org.mbpo4j.baselines.lqr.Stabilisability}: the controllable subspace by the
 *       orthogonal staircase on the balanced pair, with SVD ranks relative to each block
 *       (B, then A times the newest directions), and the eigenvalues of A on its orthogonal
 *       complement;</li>
 *   <li>{@link org.mbpo4j.baselines.lqr.Riccati}: balancing, structure-preserving doubling in
 *       double precision with Newton polish, and the same doubling in extended precision
 *       ({@code BigDecimal}, package-private {@code Extended}) where double precision fails,
 *       as it must for an open-loop eigenvalue of 1e5 or more beside ones of size 1; the
 *       closed loop of the result is certified stable in extended precision, because the
 *       double-precision eigenvalues of a large, nearly defective loop can be off by a factor
 *       of 100 or more.</li>
 * </ul>
 * Not made robust: {@link org.mbpo4j.baselines.lqr.PolicyCost} (and so the learners) solves the
 * Lyapunov equation and the closed-loop eigenvalues in double precision, so on such a badly
 * scaled system it can call a stable gain, K* included, unstable.
 *
 * <h2>Learning</h2>
 * {@link org.mbpo4j.baselines.lqr.LqrLearner} collects real episodes at the same rate in every
 * {@link org.mbpo4j.baselines.lqr.Mode}, refits a {@link org.mbpo4j.baselines.lqr.LeastSquaresModel}
 * on all of them, and improves the gain by policy gradient on real, model ("fake") or mixed
 * trajectories, or by Gauss-Newton steps on the exact cost of the model (exact-model). The
 * default estimator is {@link org.mbpo4j.baselines.lqr.LstdqActorCritic}; the sampled modes
 * run under {@link org.mbpo4j.baselines.lqr.Safeguards}. The default exploration is
 * {@code sigma = 3} (three times the process noise; see below).
 *
 * <h2>Why naive off-policy policy gradient does not converge to K*, and the first fix</h2>
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
 * <h2>Why that critic fails on the laplacian, and LSTD-Q</h2>
 * On the laplacian with R = 1000 I (open-loop unstable, closed loops with spectral radius 0.97
 * to 0.99, K* small: ||K*||_F = 0.080, K0 at relative error 0.38 and cost gap 0.269), the
 * sampled modes of {@link org.mbpo4j.baselines.lqr.NaturalActorCritic} ended unstable at the
 * default budget (seed 0: rel_err 0.96 / 1.12 / 1.31; 9 of 10 seeds of real unstable). The
 * gradient estimate is {@code G = R K + B'P_hat (A + B K)}, so its error is the critic's error
 * {@code B'(P_hat - P_K)(A + BK)}, and E_K is a small difference of two terms of about 40:
 * P must be known to a few percent. Three causes, measured at K0 on 60 episodes (3,000
 * transitions), error of the Newton step {@code H^-1 G} relative to ||K*|| (its true length is
 * 0.65; medians over 40 batches):
 * <ol>
 *   <li><b>The exploration is noise in every TD error</b>: through the cost u'Ru (standard
 *       deviation about 2,500 per step with sigma = 1) and through V(x'); the process noise
 *       alone gives about 1,300. LSTD(0) averages it; LSTD-Q in the compatible
 *       parametrisation explains it (the advantage terms are fitted jointly).
 *       Step error 1.07 (nac) against 0.67 (lstdq); at K* 0.61 against 0.25.</li>
 *   <li><b>Slow dynamics</b>: the information LSTD gets about P scales with
 *       {@code 1 - rho^2} (0.02 to 0.06 here) and with the state excitation relative to the
 *       process noise. Exploration that the critic explains is excitation, not noise:
 *       sigma = 3 gives a step error of 0.27 (lstdq) where sigma = 1 gives 0.67, and halves
 *       the final errors on the double integrator and the laplacian with R = I too (the old
 *       critic gets worse with it: 1.6). Hence the default sigma = 3.</li>
 *   <li><b>Confidently wrong steps</b>: four folds give the old noise estimate 3 degrees of
 *       freedom, so it understates the noise five times or more one time in ten; the
 *       delete-a-group jackknife over up to 20 groups, and no step before 10 trajectories,
 *       fix that. And importance weights limited the data reused to 60 trajectories; LSTD-Q
 *       needs none, so the real mode uses all real data (step error at K*: 0.12, 0.067 and
 *       0.027 with 60, 200 and 1,000 episodes).</li>
 * </ol>
 *
 * <h2>Safeguards</h2>
 * A step only proposes a candidate gain, which the next iteration's real episodes run. Every
 * sampled mode reverts to the last accepted gain, halving its steps, when those episodes
 * diverge ({@link org.mbpo4j.baselines.lqr.DivergenceCheck}: a one-sided t test at level 1% on
 * the log late-episode state energy; {@code "reverts"} in the JSON line and curve.csv). fake
 * and mixed also halve a step until the fitted model finds the new gain stable with a margin of
 * three standard errors of its spectral radius ({@code "model_rejections"}), and go back to an
 * earlier accepted gain when a refitted model finds the accepted one unstable
 * ({@code "model_reverts"}). The real mode stays model-free. The learner reports the last
 * accepted gain.
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li>A model-free check cannot tell a gain just past the stability boundary from a stable
 *       one in a few 50-step episodes: against six accepted gains' episodes, two episodes
 *       catch a laplacian gain with spectral radius 1.05 three times in four, 1.09 always and
 *       1.02 one time in seven. The real mode's protection against mild instability is the
 *       estimator's calibrated shrinkage and the trust region; with the defaults no seed of 140 (0 to 139) ever held an unstable gain in
 *       any sampled mode on the laplacian. With {@code --sigma 1} one real seed of 20 (19)
 *       took a confidently wrong step early to a stable gain with spectral radius 0.999 (cost
 *       gap 3.7), where the critic's noise keeps it.</li>
 *   <li>At 10^4 real transitions (the defaults) the laplacian's sampled modes reach mean
 *       relative errors of 0.095 (real), 0.063 (fake) and 0.059 (mixed) over seeds 0 to 39,
 *       mean cost gaps 0.003 to 0.008 (the worst of 140 seeds 0.025, against 0.269 at K0);
 *       at 10^5 ({@code --iterations 1000}) 0.036 to 0.054 for seeds 0 to 2, exact-model
 *       0.007 to 0.015. real converges with the data (all of it is used), slowly: the
 *       shrinkage stops a step whose signal the data cannot tell from noise, so the gain
 *       stays one to two standard errors of the estimate away from K*. fake is limited by its
 *       {@code batch} model rollouts per update, whatever the real data.</li>
 * </ul>
 */
package org.mbpo4j.baselines.lqr;
