package org.mbpo4j.env;

import java.util.Map;
import org.mbpo4j.random.Rng;

/**
 * Base class for envs: owns the random stream, enforces the reset/step order and validates
 * every action before the subclass sees it. Subclasses implement {@link #doReset(Rng)} and
 * {@link #doStep(Object)} and can assume a well-formed action.
 *
 * @param <A> the action type
 */
public abstract class AbstractEnv<A> implements Env<A> {

    private enum Phase { NEW, RUNNING, ENDED }

    private Rng rng;
    private Phase phase = Phase.NEW;

    /** Draws the initial state from {@code rng} and returns the first observation. */
    protected abstract float[] doReset(Rng rng);

    /** One step from the current state with a validated action. */
    protected abstract StepResult doStep(A action);

    @Override
    public final ResetResult reset(Long seed) {
        if (seed != null) {
            rng = new Rng(seed);
        } else if (rng == null) {
            rng = new Rng(System.nanoTime() ^ System.identityHashCode(this));
        }
        float[] obs = doReset(rng);
        phase = Phase.RUNNING;
        return new ResetResult(obs, resetInfo());
    }

    /** The info of the reset just done (empty unless the env reports something, as Gymnasium's v5 MuJoCo envs do). */
    protected Map<String, Object> resetInfo() {
        return Map.of();
    }

    @Override
    public final StepResult step(A action) {
        if (phase == Phase.NEW) {
            throw new IllegalStateException(id() + ": step() called before reset(); call reset() first");
        }
        if (phase == Phase.ENDED) {
            throw new IllegalStateException(id() + ": step() called after the episode ended"
                    + " (terminated); call reset() first");
        }
        String problem = actionSpace().actionProblem(action);
        if (problem != null) {
            throw new IllegalArgumentException(id() + ": " + problem);
        }
        StepResult r = doStep(action);
        if (r.terminated()) {
            phase = Phase.ENDED;
        }
        return r;
    }

    /** For {@link StatefulEnv#setState}: the env may step from the state just written. */
    protected final void markReady() {
        phase = Phase.RUNNING;
        if (rng == null) {
            rng = new Rng(System.nanoTime() ^ System.identityHashCode(this));
        }
    }

    /** The state of the env's random stream (for checkpoints); null before the first reset. */
    public final long[] randomState() {
        return rng == null ? null : rng.state();
    }

    /** Restores a stream saved with {@link #randomState()}. */
    public final void restoreRandomState(long[] state) {
        rng = Rng.fromState(state);
    }

    /** The env's random stream (null before the first reset). */
    protected final Rng rng() {
        return rng;
    }

    /** Checks a state vector for {@link StatefulEnv#setState}. */
    protected final double[] checkedState(double[] state, int dim) {
        if (state == null || state.length != dim) {
            throw new IllegalArgumentException(id() + ": state must hold " + dim + " values, got "
                    + (state == null ? "null" : state.length));
        }
        for (int i = 0; i < dim; i++) {
            if (Double.isNaN(state[i])) {
                throw new IllegalArgumentException(id() + ": state value " + i + " is NaN");
            }
        }
        return state.clone();
    }

    @Override
    public String toString() {
        return id();
    }
}
