/**
 * Model-based policy optimisation (Janner et al. 2019): {@link org.mbpo4j.mbpo.MbpoAgent} puts
 * the SAC learner ({@code org.mbpo4j.sac}), the dynamics model and its batched rollouts
 * ({@code org.mbpo4j.model}) on MBPO's schedule, as an agent of the common training loop.
 */
package org.mbpo4j.mbpo;
