package org.mbpo4j.env;

/**
 * One step recorded by {@link SteppingCheck}: where it happened, the env's state around it (when
 * the rules are checked), the action (also as a rules row) and what {@code step} returned.
 */
record Transition(int step, int episode, int episodeStep, double[] state, Object action,
                  double[] actionRow, double[] nextState, float[] nextObs, double reward,
                  boolean terminated, boolean truncated) {

    /** Where this step happened, as the report says it. */
    String where() {
        return CheckText.where(step, episode, episodeStep);
    }
}
