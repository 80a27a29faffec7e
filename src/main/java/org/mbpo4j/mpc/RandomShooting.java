package org.mbpo4j.mpc;

import org.mbpo4j.random.Rng;

/**
 * Random shooting: {@code population} candidates drawn uniformly within the action bounds,
 * scored once; the best one is the plan. With a previous plan, its warm start (shifted by one
 * step) replaces the first candidate, so a good plan is kept until a better one is found.
 */
public final class RandomShooting extends SamplingPlanner {

    public RandomShooting(SequenceEvaluator evaluator, ActionBounds bounds, int horizon, int population, Rng rng) {
        super(evaluator, bounds, horizon, population, rng);
    }

    @Override
    public String name() {
        return "rs";
    }

    @Override
    protected void search(float[] obs) {
        int a = actDim;
        int first = 0;
        if (warm.has()) {
            warm.initial(solution);
            System.arraycopy(solution, 0, candidates, 0, solution.length);
            first = horizon * a;
        }
        for (int i = first; i < population * horizon * a; i++) {
            int j = i % a;
            candidates[i] = bounds.clip(rng.uniform(bounds.low(j), bounds.high(j)), j);
        }
        evaluate(obs, population);
        int best = TopK.argmax(returns, population);
        predicted = returns[best];
        copyCandidate(best, solution);
    }
}
