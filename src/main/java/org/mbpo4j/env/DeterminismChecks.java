package org.mbpo4j.env;

import static org.mbpo4j.env.CheckContext.copyAction;
import static org.mbpo4j.env.CheckText.formatAction;
import static org.mbpo4j.env.CheckText.vec;
import static org.mbpo4j.env.CheckText.where;
import static org.mbpo4j.env.Throwables.closeQuietly;

import org.mbpo4j.env.CheckReport.Status;

/**
 * The determinism checks: two fresh instances agree bit for bit
 * ({@link EnvChecker#DETERMINISM_INSTANCES}), {@code reset(seed)} replays the first episode
 * ({@link EnvChecker#DETERMINISM_RESEED}), and {@code reset(null)} continues the random stream
 * ({@link EnvChecker#DETERMINISM_RESET_NULL}).
 */
final class DeterminismChecks {
    private final CheckContext ctx;

    DeterminismChecks(CheckContext ctx) {
        this.ctx = ctx;
    }

    void checkInstances() {
        if (!ctx.hasFactory()) {
            ctx.put(EnvChecker.DETERMINISM_INSTANCES, Status.SKIP, "needs a factory to make two fresh instances");
            return;
        }
        long seed = ctx.seed();
        Env<Object> b = null;
        Env<Object> c = null;
        try {
            b = ctx.make("first");
            c = ctx.make("second");
            if (b == c || b == ctx.env() || c == ctx.env()) {
                throw new CheckFailure("the factory returned the same instance twice; it must make a fresh env"
                        + " per call");
            }
            float[] ob = ctx.resetObs(b, seed, "first instance");
            float[] oc = ctx.resetObs(c, seed, "second instance");
            String d = obsDiff(ob, oc);
            if (d != null) {
                throw new CheckFailure("reset(" + seed + ") on two fresh instances: " + d);
            }
            Space<?> space = b.actionSpace();
            space.seed(seed);
            int episode = 1;
            int episodeStep = 0;
            for (int t = 1; t <= ctx.steps(); t++) {
                episodeStep++;
                String where = where(t, episode, episodeStep);
                Object action = space.sample();
                StepResult rb = ctx.stepOrFail(b, copyAction(action), where, "first instance");
                StepResult rc = ctx.stepOrFail(c, copyAction(action), where, "second instance");
                d = stepDiff(rb, rc);
                if (d != null) {
                    throw new CheckFailure("two fresh instances diverge at " + where + " under action "
                            + formatAction(action) + ": " + d);
                }
                if (rb.done()) {
                    ob = ctx.resetObs(b, null, "first instance");
                    oc = ctx.resetObs(c, null, "second instance");
                    d = obsDiff(ob, oc);
                    if (d != null) {
                        throw new CheckFailure("reset(null) after episode " + episode
                                + " differs between two fresh instances: " + d);
                    }
                    episode++;
                    episodeStep = 0;
                }
            }
            ctx.put(EnvChecker.DETERMINISM_INSTANCES, Status.PASS, "two fresh instances reset with seed " + seed
                    + " and fed the same " + ctx.steps() + " actions gave bit-identical obs, rewards and flags ("
                    + episode + " episodes)");
        } finally {
            closeQuietly(b);
            closeQuietly(c);
        }
    }

    void checkReseed() {
        long seed = ctx.seed();
        float[] again = ctx.resetObs(ctx.env(), seed, "this instance");
        String d = obsDiff(ctx.firstObs(), again);
        if (d != null) {
            throw new CheckFailure("reset(" + seed + ") twice on the same instance gave different first obs: " + d);
        }
        int n = 0;
        for (Transition tr : ctx.firstEpisode()) {
            StepResult r = ctx.stepOrFail(ctx.env(), copyAction(tr.action()), tr.where(), "replay");
            StepResult rec = new StepResult(tr.nextObs(), tr.reward(), tr.terminated(), tr.truncated(), null);
            d = stepDiff(rec, r);
            if (d != null) {
                throw new CheckFailure("replaying the first episode after reset(" + seed + ") diverges at "
                        + tr.where() + " (first run vs replay): " + d);
            }
            n++;
        }
        ctx.put(EnvChecker.DETERMINISM_RESEED, Status.PASS, "reset(" + seed + ") again gives the same first obs,"
                + " and replaying the first episode's " + n + " actions gives bit-identical obs, rewards and flags");
    }

    void checkResetNull() {
        long seed = ctx.seed();
        float[] seeded = ctx.resetObs(ctx.env(), seed, "this instance");
        float[] next = ctx.resetObs(ctx.env(), null, "this instance");
        if (obsDiff(seeded, next) != null) {
            ctx.put(EnvChecker.DETERMINISM_RESET_NULL, Status.PASS, "reset(null) after reset(" + seed
                    + ") continues the random stream (a new first obs)");
            return;
        }
        float[] other = ctx.resetObs(ctx.env(), seed + 1, "this instance");
        if (obsDiff(seeded, other) == null) {
            ctx.put(EnvChecker.DETERMINISM_RESET_NULL, Status.PASS, "not applicable: the first obs does not"
                    + " depend on the seed (reset(" + seed + ") and reset(" + (seed + 1) + ") agree)");
            return;
        }
        ctx.put(EnvChecker.DETERMINISM_RESET_NULL, Status.WARN, "reset(null) right after reset(" + seed
                + ") repeated the seeded first obs " + vec(seeded) + ": it re-seeds instead of continuing"
                + " the random stream as Gymnasium's reset(None) does");
    }

    /** Null when the two obs are bit-identical, else the first difference. */
    private static String obsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return "obs lengths " + a.length + " vs " + b.length;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                return "obs[" + i + "] " + a[i] + " vs " + b[i];
            }
        }
        return null;
    }

    /** Null when obs, reward and flags are bit-identical, else the first difference. */
    private static String stepDiff(StepResult a, StepResult b) {
        String d = obsDiff(a.obs(), b.obs());
        if (d != null) {
            return d;
        }
        if (Double.doubleToLongBits(a.reward()) != Double.doubleToLongBits(b.reward())) {
            return "reward " + a.reward() + " vs " + b.reward();
        }
        if (a.terminated() != b.terminated()) {
            return "terminated " + a.terminated() + " vs " + b.terminated();
        }
        if (a.truncated() != b.truncated()) {
            return "truncated " + a.truncated() + " vs " + b.truncated();
        }
        return null;
    }
}
