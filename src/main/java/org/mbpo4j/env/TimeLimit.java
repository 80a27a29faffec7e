package org.mbpo4j.env;

/**
 * Ends episodes after a fixed number of steps by setting {@code truncated}, as Gymnasium's
 * {@code TimeLimit}: truncated is true on the step whose count reaches the limit, whatever
 * {@code terminated} is. Stepping after the limit throws until the next reset.
 *
 * @param <A> the action type
 */
public final class TimeLimit<A> extends Wrapper<A, A> {
    private final int maxEpisodeSteps;
    private int elapsed;
    private boolean truncatedEnded;

    public TimeLimit(Env<A> env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException(env.id() + ": max_episode_steps must be >= 1, got "
                    + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** Steps taken in the current episode. */
    public int elapsedSteps() {
        return elapsed;
    }

    /** Sets the step count, e.g. to replay a recorded episode from its middle. */
    public void setElapsedSteps(int steps) {
        if (steps < 0 || steps >= maxEpisodeSteps) {
            throw new IllegalArgumentException(id() + ": elapsed steps must be in [0, "
                    + maxEpisodeSteps + "), got " + steps);
        }
        elapsed = steps;
        truncatedEnded = false;
    }

    @Override
    public Space<A> actionSpace() {
        return env.actionSpace();
    }

    @Override
    public ResetResult reset(Long seed) {
        ResetResult r = env.reset(seed);
        elapsed = 0;
        truncatedEnded = false;
        return r;
    }

    @Override
    protected StepResult doStep(A action) {
        if (truncatedEnded) {
            throw new IllegalStateException(id() + ": step() called after the episode was truncated at "
                    + maxEpisodeSteps + " steps; call reset() first");
        }
        StepResult r = env.step(action);
        elapsed++;
        if (elapsed >= maxEpisodeSteps) {
            truncatedEnded = true;
            return r.with(true, r.info());
        }
        return r;
    }
}
