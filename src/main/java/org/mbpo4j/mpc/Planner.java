package org.mbpo4j.mpc;

import java.util.Map;

/**
 * Searches an action sequence of {@link #horizon()} steps from an observation (model
 * predictive control executes its first action and plans again at the next step). Each plan is
 * warm-started from the previous one shifted by one step, its last step filled with the middle
 * of the action bounds; {@link #reset()} forgets it (at episode starts). Not thread-safe.
 */
public interface Planner {

    /** A short name: {@code cem}, {@code rs} or {@code mppi}. */
    String name();

    int horizon();

    int actDim();

    /**
     * Plans from {@code obs}: the chosen sequence, {@code [horizon, actDim]} row-major, within
     * the action bounds (a live buffer, overwritten by the next call).
     */
    float[] plan(float[] obs);

    /** The first action of a new plan from {@code obs}, as a fresh array. */
    default float[] firstAction(float[] obs) {
        float[] p = plan(obs);
        float[] a = new float[actDim()];
        System.arraycopy(p, 0, a, 0, a.length);
        return a;
    }

    /** The predicted return of the best candidate the last plan scored (NaN before any). */
    double lastPredictedReturn();

    /** Forgets the previous plan: the next one starts from scratch. */
    void reset();

    /** The random stream and the previous plan (JSON-compatible values), for checkpoints. */
    Map<String, Object> checkpointState();

    /** Restores what {@link #checkpointState()} returned. */
    void restore(Map<String, Object> state);
}
