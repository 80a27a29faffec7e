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
 * Everything is plain {@code double[]} arithmetic; randomness comes from a seed through
 * {@link java.util.SplittableRandom}. The command line is {@code mbpo tabular}.
 */
package org.mbpo4j.baselines.tabular;
