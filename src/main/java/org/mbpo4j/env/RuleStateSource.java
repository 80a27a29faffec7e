package org.mbpo4j.env;

/**
 * An env whose {@link TaskRules} rows are not its {@link StatefulEnv} state. A MuJoCo env's
 * state is the simulator's ({@code qpos}, {@code qvel}, the solver's warm start, ...), while its
 * rules work on rows laid out like the observation (before clipping) plus the few values the
 * observation leaves out that Gymnasium's reward or termination read. The env checker takes the
 * rules' rows from here when an env provides them.
 */
public interface RuleStateSource {

    /** The rules' row for the current state (a copy; length {@link TaskRules#stateDim()}); null before a reset. */
    double[] ruleState();
}
