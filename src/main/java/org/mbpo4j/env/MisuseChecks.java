package org.mbpo4j.env;

import static org.mbpo4j.env.CheckContext.copyAction;
import static org.mbpo4j.env.CheckText.formatAction;
import static org.mbpo4j.env.Throwables.closeQuietly;
import static org.mbpo4j.env.Throwables.describe;
import static org.mbpo4j.env.Throwables.thrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.CheckReport.Status;

/**
 * The checks that the env rejects misuse loudly: a step before the first reset
 * ({@link EnvChecker#STEP_BEFORE_RESET}) or after the episode ended
 * ({@link EnvChecker#STEP_AFTER_END}) throws IllegalStateException, and malformed actions
 * ({@link EnvChecker#BAD_ACTIONS}) throw IllegalArgumentException, each naming the env.
 */
final class MisuseChecks {
    private final CheckContext ctx;

    MisuseChecks(CheckContext ctx) {
        this.ctx = ctx;
    }

    void checkStepBeforeReset() {
        if (!ctx.hasFactory()) {
            ctx.put(EnvChecker.STEP_BEFORE_RESET, Status.SKIP, "needs a factory to make a fresh instance");
            return;
        }
        Env<Object> fresh = ctx.make("fresh");
        try {
            Object action = validAction();
            String what = "step(" + formatAction(action) + ") on a fresh instance before reset()";
            judgeIllegalState(EnvChecker.STEP_BEFORE_RESET, what, thrownBy(() -> fresh.step(action)), "",
                    Status.FAIL);
        } finally {
            closeQuietly(fresh);
        }
    }

    /**
     * Called by {@link SteppingCheck} when the first episode ended with {@code end} at
     * {@code where}: one more step must throw.
     */
    void probeStepAfterEnd(Transition end, String where) {
        String how = end.terminated() ? (end.truncated() ? "terminated and truncated" : "terminated")
                : "truncated";
        String what = "step after the episode ended (" + how + " at " + where + ")";
        Object action = copyAction(end.action());
        judgeIllegalState(EnvChecker.STEP_AFTER_END, what, thrownBy(() -> ctx.env().step(action)),
                " until the next reset", Status.WARN);
    }

    /** Reports {@link EnvChecker#STEP_AFTER_END} as not exercised when no first episode ended. */
    void reportStepAfterEndIfNotExercised() {
        if (ctx.has(EnvChecker.STEP_AFTER_END)) {
            return;
        }
        if (ctx.status(EnvChecker.STEP) == Status.FAIL) {
            ctx.put(EnvChecker.STEP_AFTER_END, Status.SKIP, "not exercised: the stepping check failed before an"
                    + " episode ended");
        } else {
            ctx.put(EnvChecker.STEP_AFTER_END, Status.WARN, "not exercised: no episode ended within "
                    + ctx.steps() + " steps (wrap the env in a TimeLimit or check more steps)");
        }
    }

    /**
     * Reports check {@code name} on a call ({@code what}) that must throw IllegalStateException
     * naming the env: FAIL when it was accepted, {@code wrongType} when it threw something else.
     */
    private void judgeIllegalState(String name, String what, Throwable thrown, String untilWhen, Status wrongType) {
        if (thrown == null) {
            ctx.put(name, Status.FAIL, what + " was accepted; it must throw IllegalStateException" + untilWhen);
        } else if (!(thrown instanceof IllegalStateException)) {
            ctx.put(name, wrongType, what + " threw " + describe(thrown) + "; expected an IllegalStateException");
        } else if (!ctx.mentionsId(thrown)) {
            ctx.put(name, Status.WARN, what + " threw " + describe(thrown)
                    + ", but the message does not name the env id " + ctx.id());
        } else {
            ctx.put(name, Status.PASS, what + " threw " + describe(thrown));
        }
    }

    void checkBadActions() {
        Map<String, Object> bad = badActions(ctx.actSpace());
        if (bad == null) {
            ctx.put(EnvChecker.BAD_ACTIONS, Status.SKIP, "unsupported action space " + ctx.actSpace());
            return;
        }
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            ctx.resetObs(ctx.env(), ctx.seed(), "this instance");
            Throwable thrown = thrownBy(() -> ctx.env().step(e.getValue()));
            if (thrown == null) {
                failures.add(e.getKey() + " was accepted");
            } else if (!(thrown instanceof IllegalArgumentException)) {
                failures.add(e.getKey() + " threw " + describe(thrown) + " instead of IllegalArgumentException");
            } else if (!ctx.mentionsId(thrown)) {
                warnings.add(e.getKey() + " threw " + describe(thrown) + ", but the message does not name the"
                        + " env id " + ctx.id());
            }
        }
        ctx.putVerdict(EnvChecker.BAD_ACTIONS, failures, warnings, "rejected " + bad.size() + " bad actions ("
                + String.join(", ", bad.keySet()) + ") with IllegalArgumentException naming " + ctx.id());
    }

    /** The malformed actions for {@code space}, by description; null for an unsupported space. */
    private static Map<String, Object> badActions(Space<?> space) {
        Map<String, Object> bad = new LinkedHashMap<>();
        if (space instanceof Box b) {
            float[] mid = validBoxAction(b);
            float[] longer = Arrays.copyOf(mid, mid.length + 1);
            bad.put("wrong length float[" + longer.length + "]", longer);
            float[] nan = mid.clone();
            nan[0] = Float.NaN;
            bad.put("NaN " + Arrays.toString(nan), nan);
            float[] inf = mid.clone();
            inf[0] = Float.POSITIVE_INFINITY;
            bad.put("+inf " + Arrays.toString(inf), inf);
            bad.put("wrong type Integer 0", Integer.valueOf(0));
        } else if (space instanceof Discrete d) {
            bad.put("-1", -1);
            bad.put("n = " + d.n(), d.n());
            bad.put("wrong type float[] {0.0}", new float[] {0f});
        } else {
            return null;
        }
        return bad;
    }

    private Object validAction() {
        Space<?> space = ctx.actSpace();
        if (space instanceof Box b) {
            return validBoxAction(b);
        }
        if (space instanceof Discrete) {
            return 0;
        }
        space.seed(ctx.seed());
        return space.sample();
    }

    /** The middle of each bounded dimension, a finite bound of a half-bounded one, else 0. */
    private static float[] validBoxAction(Box b) {
        float[] a = new float[b.size()];
        for (int i = 0; i < a.length; i++) {
            float lo = b.low(i);
            float hi = b.high(i);
            if (Float.isFinite(lo) && Float.isFinite(hi)) {
                a[i] = (float) ((lo + (double) hi) / 2);
            } else if (Float.isFinite(lo)) {
                a[i] = lo;
            } else if (Float.isFinite(hi)) {
                a[i] = hi;
            }
        }
        return a;
    }
}
