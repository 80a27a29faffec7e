package org.mbpo4j.env;

import static org.mbpo4j.env.CheckContext.copyAction;
import static org.mbpo4j.env.CheckText.formatAction;
import static org.mbpo4j.env.CheckText.where;
import static org.mbpo4j.env.Throwables.describe;
import static org.mbpo4j.env.Throwables.rethrowIfFatal;

import java.util.Arrays;
import org.mbpo4j.env.CheckReport.Status;

/**
 * The {@link EnvChecker#STEP} check: {@code steps} steps with actions sampled from the action
 * space (seeded), resetting with {@code reset(null)} whenever an episode ends. Every obs must be
 * a fresh finite array inside the observation space, every reward finite, and the action array
 * left alone. On the way it records the transitions (with the env's state, when the rules are
 * checked) and the first episode, and has {@link MisuseChecks} probe a step after that episode's
 * end.
 */
final class SteppingCheck {
    private final CheckContext ctx;
    private final MisuseChecks misuse;

    SteppingCheck(CheckContext ctx, MisuseChecks misuse) {
        this.ctx = ctx;
        this.misuse = misuse;
    }

    void run() {
        Env<Object> env = ctx.env();
        Space<?> actSpace = ctx.actSpace();
        long seed = ctx.seed();
        int steps = ctx.steps();
        actSpace.seed(seed);
        boolean record = ctx.rules() != null && ctx.stateful() != null && ctx.stateError() == null;
        double[] stateBefore = record ? readState("after reset(" + seed + ")") : null;
        record = record && ctx.stateError() == null;
        float[] prevObs = ctx.firstObsReturned();
        float[] prevObsCopy = ctx.firstObs().clone();
        int episode = 1;
        int episodeStep = 0;
        int terminated = 0;
        int truncated = 0;
        int ended = 0;
        double rmin = Double.POSITIVE_INFINITY;
        double rmax = Double.NEGATIVE_INFINITY;
        boolean inFirstEpisode = true;
        for (int t = 1; t <= steps; t++) {
            episodeStep++;
            String where = where(t, episode, episodeStep);
            Object action = actSpace.sample();
            Object actionCopy = copyAction(action);
            StepResult r;
            try {
                r = env.step(action);
            } catch (Throwable x) {
                rethrowIfFatal(x);
                throw new CheckFailure(where + ": step(" + formatAction(actionCopy) + ") threw " + describe(x));
            }
            checkResult(r, where, action, actionCopy, prevObs, prevObsCopy);
            rmin = Math.min(rmin, r.reward());
            rmax = Math.max(rmax, r.reward());
            double[] stateAfter = null;
            if (record) {
                stateAfter = readState("after " + where);
                record = ctx.stateError() == null;
            }
            Transition tr = new Transition(t, episode, episodeStep, stateBefore, actionCopy,
                    record ? actionRow(actionCopy) : null, stateAfter, r.obs().clone(), r.reward(),
                    r.terminated(), r.truncated());
            if (record) {
                ctx.transitions().add(tr);
            }
            if (inFirstEpisode) {
                ctx.firstEpisode().add(tr);
            }
            if (r.done()) {
                ended++;
                if (r.terminated()) {
                    terminated++;
                }
                if (r.truncated()) {
                    truncated++;
                }
                if (inFirstEpisode) {
                    misuse.probeStepAfterEnd(tr, where);
                    inFirstEpisode = false;
                }
                prevObs = resetAfterEpisode(episode, where);
                episode++;
                episodeStep = 0;
                if (record) {
                    stateBefore = readState("after reset(null)");
                    record = ctx.stateError() == null;
                }
            } else {
                prevObs = r.obs();
                stateBefore = stateAfter;
            }
            prevObsCopy = prevObs.clone();
        }
        ctx.put(EnvChecker.STEP, Status.PASS, steps + " steps with actions sampled from " + actSpace + " (seed "
                + seed + "): " + episode + " episodes, " + ended + " ended (" + terminated + " terminated, "
                + truncated + " truncated); every obs finite and inside the space, rewards finite in ["
                + rmin + ", " + rmax + "]");
    }

    /** Fails unless {@code r} is well-formed, the action untouched and the previous obs not reused. */
    private void checkResult(StepResult r, String where, Object action, Object actionCopy, float[] prevObs,
                             float[] prevObsCopy) {
        if (r == null) {
            throw new CheckFailure(where + ": step returned null");
        }
        String problem = ctx.obsProblem(r.obs());
        if (problem != null) {
            throw new CheckFailure(where + ": " + problem);
        }
        if (!Double.isFinite(r.reward())) {
            throw new CheckFailure(where + ": reward is " + r.reward() + " (must be finite) after action "
                    + formatAction(actionCopy));
        }
        if (r.info() == null) {
            throw new CheckFailure(where + ": info is null");
        }
        if (action instanceof float[] a && !Arrays.equals(a, (float[]) actionCopy)) {
            throw new CheckFailure(where + ": step() modified the action array passed to it (from "
                    + formatAction(actionCopy) + " to " + formatAction(a) + "); copy it before clipping");
        }
        if (r.obs() == prevObs || !Arrays.equals(prevObs, prevObsCopy)) {
            throw new CheckFailure(where + ": the obs array returned by the previous reset/step was "
                    + (r.obs() == prevObs ? "returned again" : "overwritten")
                    + "; the env reuses its buffer, but every obs must be a fresh array");
        }
    }

    /** {@code reset(null)} after an episode ended at {@code where}; returns the new first obs. */
    private float[] resetAfterEpisode(int episode, String where) {
        ResetResult rr;
        try {
            rr = ctx.env().reset(null);
        } catch (Throwable x) {
            rethrowIfFatal(x);
            throw new CheckFailure("reset(null) after episode " + episode + " ended at " + where
                    + " threw " + describe(x));
        }
        if (rr == null) {
            throw new CheckFailure("reset(null) after episode " + episode + " returned null");
        }
        String rp = ctx.obsProblem(rr.obs());
        if (rp != null) {
            throw new CheckFailure("reset(null) after episode " + episode + ": " + rp);
        }
        return rr.obs();
    }

    /** A copy of the env's state, or null after noting in the context why it cannot be read. */
    private double[] readState(String when) {
        try {
            double[] s = ctx.stateful().getState();
            if (s == null) {
                ctx.stateError("getState() returned null " + when);
                return null;
            }
            return s.clone();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            ctx.stateError("getState() " + when + " threw " + describe(t));
            return null;
        }
    }

    /** The action as a rules row: float[] widened (through RescaleAction if any), Integer as its index. */
    private double[] actionRow(Object action) {
        if (action instanceof float[] a) {
            RescaleAction rescale = ctx.rescale();
            float[] inner = rescale != null ? rescale.rescale(a) : a;
            double[] d = new double[inner.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = inner[i];
            }
            return d;
        }
        if (action instanceof Integer k) {
            return new double[] {k};
        }
        return null;
    }
}
