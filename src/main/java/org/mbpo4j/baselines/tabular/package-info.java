/**
 * Tabular MDPs whose optimum is known exactly, and an MBPO-style agent to compare against it.
 *
 * <p>This package owns:
 * <ul>
 *   <li>the MDP: {@link org.mbpo4j.baselines.tabular.TabularMdp} (semantics and validity
 *       rules), its JSON form {@link org.mbpo4j.baselines.tabular.MdpJson}, and the built-ins
 *       {@link org.mbpo4j.baselines.tabular.BuiltinMdps} ({@link
 *       org.mbpo4j.baselines.tabular.FrozenLake}, {@link org.mbpo4j.baselines.tabular.NChain},
 *       {@link org.mbpo4j.baselines.tabular.RiverSwim});</li>
 *   <li>the exact solvers: {@link org.mbpo4j.baselines.tabular.ValueIteration},
 *       {@link org.mbpo4j.baselines.tabular.PolicyIteration},
 *       {@link org.mbpo4j.baselines.tabular.BackwardInduction} (with a horizon) and
 *       {@link org.mbpo4j.baselines.tabular.PolicyEvaluation} of any stochastic policy;</li>
 *   <li>the agent: {@link org.mbpo4j.baselines.tabular.TabularAgent} with a
 *       {@link org.mbpo4j.baselines.tabular.SoftmaxPolicy}, a
 *       {@link org.mbpo4j.baselines.tabular.CountsModel}, real and fake
 *       {@link org.mbpo4j.baselines.tabular.Rollouts}, the off-policy
 *       {@link org.mbpo4j.baselines.tabular.PolicyGradient} estimator with per-decision
 *       {@link org.mbpo4j.baselines.tabular.ImportanceWeights}, and its learning curves
 *       ({@link org.mbpo4j.baselines.tabular.LearningCurves}).</li>
 * </ul>
 * Design choices for the gaps of the targets (greedy policy optimal, gap &lt;= 1e-3 on
 * {@code frozenlake4x4-slippery} at gamma 0.99 and {@code nchain5} at 0.95): fake mode keeps
 * collecting real data for its model; real collection explores ({@code eps}-uniform mixture,
 * default 0.1 when a model is used) so the model covers the pairs the policy stopped trying;
 * the fake part of an update is by default the model's advantage table (the natural policy
 * gradient of a softmax table, {@link org.mbpo4j.baselines.tabular.ModelGradient}), which does
 * not vanish where the policy is nearly deterministic, so wrong early commitments are undone
 * and the logits keep growing; several updates per iteration use the model. The real part
 * is an Adam step; the natural fake part is a soft policy-iteration step, the advantages
 * times the effective horizon 1 / (1 - gamma) (no Adam: its memory of early large advantages
 * would shrink a later small, corrective one); logits stay within
 * {@link org.mbpo4j.baselines.tabular.SoftmaxPolicy#LOGIT_RANGE} of each state's best, so a
 * commitment made on an early wrong model can be undone. Sampled fake episodes remain available
 * ({@link org.mbpo4j.baselines.tabular.FakeGradient#SAMPLED}) but their noise stalls short
 * of the 1e-3 gaps.
 * Everything is plain {@code double[]} arithmetic; randomness comes from a seed through
 * {@link java.util.SplittableRandom}. The command line is {@code mbpo tabular}.
 */
package org.mbpo4j.baselines.tabular;
