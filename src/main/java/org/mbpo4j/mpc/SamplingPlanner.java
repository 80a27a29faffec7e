package org.mbpo4j.mpc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mbpo4j.random.Rng;
import org.mbpo4j.io.Json;

/**
 * What the three planners share: the bounds, the evaluator, the warm start, a random stream,
 * and buffers for one population of candidates, all made once. A subclass writes its choice
 * into {@link #solution} in {@link #search}.
 */
abstract class SamplingPlanner implements Planner {
    protected final SequenceEvaluator evaluator;
    protected final ActionBounds bounds;
    protected final int horizon;
    protected final int actDim;
    protected final int population;
    protected final WarmStart warm;
    /** The candidates, {@code [population, horizon, actDim]}. */
    protected final float[] candidates;
    /** Their returns. */
    protected final double[] returns;
    /** The plan, {@code [horizon, actDim]}. */
    protected final float[] solution;
    protected Rng rng;
    protected double predicted = Double.NaN;

    SamplingPlanner(SequenceEvaluator evaluator, ActionBounds bounds, int horizon, int population, Rng rng) {
        if (horizon < 1 || population < 1) {
            throw new IllegalArgumentException("horizon and population must be >= 1, got " + horizon + " and "
                    + population);
        }
        this.evaluator = evaluator;
        this.bounds = bounds;
        this.horizon = horizon;
        this.actDim = bounds.dim();
        this.population = population;
        this.warm = new WarmStart(horizon, bounds);
        this.candidates = new float[population * horizon * actDim];
        this.returns = new double[population];
        this.solution = new float[horizon * actDim];
        this.rng = rng;
    }

    /** Fills {@link #solution} with the plan from {@code obs}, and {@link #predicted}. */
    protected abstract void search(float[] obs);

    @Override
    public final float[] plan(float[] obs) {
        search(obs);
        warm.remember(solution);
        return solution;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public int actDim() {
        return actDim;
    }

    @Override
    public double lastPredictedReturn() {
        return predicted;
    }

    @Override
    public void reset() {
        warm.clear();
    }

    /** The warm start (for tests). */
    WarmStart warmStart() {
        return warm;
    }

    /** Scores the first {@code n} candidates into {@link #returns}. */
    protected void evaluate(float[] obs, int n) {
        evaluator.evaluate(obs, candidates, n, horizon, returns);
    }

    /** Copies candidate {@code i} into {@code dst}. */
    protected void copyCandidate(int i, float[] dst) {
        System.arraycopy(candidates, i * horizon * actDim, dst, 0, horizon * actDim);
    }

    @Override
    public Map<String, Object> checkpointState() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rng", rng.state());
        s.put("previous_plan", warm.toState());
        s.put("predicted_return", predicted);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        rng = Rng.fromState(Json.longArray(state.get("rng")));
        Object plan = state.get("previous_plan");
        warm.fromState(plan == null ? null : Json.doubleArray(plan));
        Object p = state.get("predicted_return");
        predicted = p == null ? Double.NaN : ((Number) p).doubleValue();
    }
}
