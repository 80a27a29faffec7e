package org.mbpo4j.env;

import static org.mbpo4j.env.CheckText.shape;
import static org.mbpo4j.env.Throwables.describe;
import static org.mbpo4j.env.Throwables.rethrowIfFatal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mbpo4j.env.CheckReport.Status;

/**
 * The first two checks, {@link EnvChecker#SPACES} and {@link EnvChecker#RESET}: the spaces are
 * usable (the rest of the checks need them) and {@code reset(seed)} gives a well-formed first obs.
 */
final class SpacesAndResetChecks {
    private final CheckContext ctx;

    SpacesAndResetChecks(CheckContext ctx) {
        this.ctx = ctx;
    }

    /** Observation space a sane Box, action space a bounded Box or a Discrete. */
    void checkSpaces() {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Box obs = space("observationSpace()", ctx.env()::observationSpace);
        List<Integer> infinite = checkBounds(obs, "observation", problems);
        if (!infinite.isEmpty()) {
            warnings.add("observation bounds are infinite at " + (infinite.size() == obs.size()
                    ? "every index" : "indices " + infinite) + " (normalisation and clipping cannot use them)");
        }
        Space<?> act = space("actionSpace()", ctx.env()::actionSpace);
        if (act instanceof Box b) {
            int before = problems.size();
            checkBounds(b, "action", problems);
            boolean boundsOk = problems.size() == before;
            if (!b.isBounded()) {
                problems.add("continuous action space " + b + " must be bounded (finite low and high)");
            } else if (boundsOk && !isUnit(b)) {
                warnings.add("action space " + b + " is not normalised to [-1, 1]; agents with squashed"
                        + " (tanh) policies usually want it wrapped in RescaleAction");
            }
        } else if (act instanceof Discrete d) {
            if (d.n() < 1) {
                problems.add("Discrete action space needs n >= 1, got " + d.n());
            }
        } else {
            problems.add("unsupported action space " + act.getClass().getName()
                    + ": expected a Box or a Discrete");
        }
        ctx.useSpaces(obs, act);
        ctx.putVerdict(EnvChecker.SPACES, problems, warnings, "observation " + obs + ", action " + act);
    }

    /** What {@code get} returns, failing the check when the env's {@code call} throws or gives null. */
    private static <T> T space(String call, Supplier<T> get) {
        T space;
        try {
            space = get.get();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            throw new CheckFailure(call + " threw " + describe(t));
        }
        if (space == null) {
            throw new CheckFailure(call + " returned null");
        }
        return space;
    }

    /**
     * Adds a problem for each NaN or inverted bound of {@code box} (the {@code what} space);
     * returns the indices of the valid bounds that are infinite.
     */
    private static List<Integer> checkBounds(Box box, String what, List<String> problems) {
        List<Integer> infinite = new ArrayList<>();
        for (int i = 0; i < box.size(); i++) {
            float lo = box.low(i);
            float hi = box.high(i);
            if (Float.isNaN(lo) || Float.isNaN(hi) || lo > hi) {
                problems.add(what + " bound " + i + " is invalid: low=" + lo + ", high=" + hi);
            } else if (Float.isInfinite(lo) || Float.isInfinite(hi)) {
                infinite.add(i);
            }
        }
        return infinite;
    }

    private static boolean isUnit(Box b) {
        for (int i = 0; i < b.size(); i++) {
            if (b.low(i) != -1f || b.high(i) != 1f) {
                return false;
            }
        }
        return true;
    }

    /** {@code reset(seed)} gives a finite obs inside the observation space and an info. */
    void checkReset() {
        long seed = ctx.seed();
        ResetResult r = ctx.env().reset(seed);
        if (r == null) {
            throw new CheckFailure("reset(" + seed + ") returned null");
        }
        if (r.obs() == null) {
            throw new CheckFailure("reset(" + seed + ") returned a null obs");
        }
        ctx.useFirstObs(r.obs(), r.obs().clone());
        String problem = ctx.obsProblem(ctx.firstObs());
        if (problem != null) {
            throw new CheckFailure("reset(" + seed + "): " + problem);
        }
        if (r.info() == null) {
            throw new CheckFailure("reset(" + seed + ") returned a null info");
        }
        ctx.put(EnvChecker.RESET, Status.PASS, "reset(" + seed + ") returns a float32 obs of shape "
                + shape(ctx.obsSpace()) + " inside " + ctx.obsSpace() + " and a non-null info");
    }
}
