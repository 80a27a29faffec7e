package org.mbpo4j.env;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.mbpo4j.env.CheckReport.Check;
import org.mbpo4j.env.CheckReport.Status;

/**
 * Checks that an env keeps the {@link Env} contract, like Stable-Baselines3's
 * {@code check_env}: sane spaces, well-formed reset and step results, determinism under a
 * seed, loud rejection of bad actions and of calls out of order, and (given its
 * {@link TaskRules}) that the batched rules reproduce the env's own rewards and terminations.
 *
 * <p>Each property is one named {@link Check} in the {@link CheckReport}; the names are the
 * constants of this class, reported in the order of {@link #CHECK_NAMES}. Anything the env
 * throws becomes a FAIL carrying the exception's message; only fatal VM errors (such as
 * {@link OutOfMemoryError}) escape.
 *
 * <p>The checker drives the env through its public API only, with actions drawn from its
 * action space seeded with the given seed, so a report is reproducible for a deterministic env.
 * It steps the env for about {@code 3 * steps} steps in all.
 */
public final class EnvChecker {

    /** The factory could not make an env (reported only then, and alone). */
    public static final String MAKE = "make";
    /** Observation space is a sane Box; action space a bounded Box or a Discrete. */
    public static final String SPACES = "spaces";
    /** {@code reset(seed)} gives a finite obs inside the observation space. */
    public static final String RESET = "reset";
    /** Stepping with sampled actions gives finite obs inside the space and finite rewards. */
    public static final String STEP = "step";
    /** Two fresh instances under the same seed and actions give bit-identical results. */
    public static final String DETERMINISM_INSTANCES = "determinism.instances";
    /** {@code reset(seed)} again on the same instance replays the same episode. */
    public static final String DETERMINISM_RESEED = "determinism.reseed";
    /** {@code reset(null)} continues the random stream instead of re-seeding. */
    public static final String DETERMINISM_RESET_NULL = "determinism.reset-null";
    /** {@code step} on a fresh instance throws IllegalStateException naming the env. */
    public static final String STEP_BEFORE_RESET = "step-before-reset";
    /** Malformed actions throw IllegalArgumentException naming the env. */
    public static final String BAD_ACTIONS = "bad-actions";
    /** {@code step} after the episode ended throws. */
    public static final String STEP_AFTER_END = "step-after-end";
    /** {@link TaskRules#terminated} reproduces the env's terminated flags. */
    public static final String RULES_TERMINATED = "rules.terminated";
    /** {@link TaskRules#reward} reproduces the env's rewards. */
    public static final String RULES_REWARD = "rules.reward";
    /** {@link TaskRules#stateFromObs} recovers the state behind an observation. */
    public static final String RULES_STATE_FROM_OBS = "rules.state-from-obs";

    /** The checks of a report, in order (after {@link #MAKE} when the factory failed). */
    public static final List<String> CHECK_NAMES = List.of(SPACES, RESET, STEP, DETERMINISM_INSTANCES,
            DETERMINISM_RESEED, DETERMINISM_RESET_NULL, STEP_BEFORE_RESET, BAD_ACTIONS, STEP_AFTER_END,
            RULES_TERMINATED, RULES_REWARD, RULES_STATE_FROM_OBS);

    /** Tolerance of {@link #RULES_REWARD}, relative to max(1, |reward|). */
    public static final double REWARD_TOLERANCE = 1e-9;
    /** Tolerance of {@link #RULES_STATE_FROM_OBS}, relative to max(1, |value|). */
    public static final double STATE_TOLERANCE = 1e-5;

    private EnvChecker() {
    }

    /**
     * Checks one env instance, without task rules. The checks that need a second fresh
     * instance ({@link #DETERMINISM_INSTANCES}, {@link #STEP_BEFORE_RESET}) are skipped.
     * The env is reset and stepped but not closed.
     */
    public static CheckReport check(Env<?> env, long seed, int steps) {
        return check(env, null, seed, steps);
    }

    /**
     * Checks one env instance and, when {@code rulesOrNull} is given and the env is a
     * {@link StatefulEnv}, its task rules. The checks that need a second fresh instance are
     * skipped. The env is reset and stepped but not closed.
     */
    public static CheckReport check(Env<?> env, TaskRules rulesOrNull, long seed, int steps) {
        Objects.requireNonNull(env, "env");
        requireSteps(steps);
        return new Session(null, env, rulesOrNull, seed, steps).run();
    }

    /**
     * The full check: {@code factory} must make a fresh, independent env on every call
     * (wrapped as it will be used, e.g. in a {@link TimeLimit}); the envs it makes are closed
     * afterwards. {@code rulesOrNull} are the task's rules (null skips the rules checks).
     *
     * @param seed  seeds the env resets and the action sampling
     * @param steps steps per stepping check (a few hundred is plenty)
     */
    public static CheckReport check(Supplier<? extends Env<?>> factory, TaskRules rulesOrNull,
                                    long seed, int steps) {
        Objects.requireNonNull(factory, "factory");
        requireSteps(steps);
        Env<?> env;
        try {
            env = factory.get();
            if (env == null) {
                return new CheckReport("?", List.of(new Check(MAKE, Status.FAIL, "the factory returned null")));
            }
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return new CheckReport("?", List.of(new Check(MAKE, Status.FAIL,
                    "the factory threw " + describe(t))));
        }
        try {
            return new Session(factory, env, rulesOrNull, seed, steps).run();
        } finally {
            closeQuietly(env);
        }
    }

    /**
     * Checks a registered env as {@code Envs.make} builds it: each instance from
     * {@link EnvSpec#factory()} wrapped in a {@link TimeLimit} of
     * {@link EnvSpec#maxEpisodeSteps()} (when positive), with the spec's rules.
     */
    public static CheckReport check(EnvSpec spec, long seed, int steps) {
        Objects.requireNonNull(spec, "spec");
        int limit = spec.maxEpisodeSteps();
        Supplier<Env<?>> factory = () -> {
            Env<?> e = spec.factory().get();
            if (e == null || limit < 1) {
                return e;
            }
            return new TimeLimit<>(raw(e), limit);
        };
        return check(factory, spec.rules(), seed, steps);
    }

    private static void requireSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
    }

    // ---------------------------------------------------------------------------------------

    /** One recorded step of the stepping check. */
    private record Transition(int step, int episode, int episodeStep, double[] state, Object action,
                              double[] actionRow, double[] nextState, float[] nextObs, double reward,
                              boolean terminated, boolean truncated) {
    }

    /** Thrown inside a check to end it with a FAIL (never leaves this class). */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Session {
        private final Supplier<? extends Env<?>> factory;
        private final Env<?> env;
        private final Env<Object> envRaw;
        private final TaskRules rules;
        private final long seed;
        private final int steps;
        private final String id;
        private final Map<String, Check> results = new LinkedHashMap<>();

        private Box obsSpace;
        private Space<?> actSpace;
        private float[] firstObs;
        /** The array reset(seed) returned, to catch an env that reuses its obs buffer. */
        private float[] firstObsReturned;
        private StatefulEnv stateful;
        private RescaleAction rescale;
        private String stateError;
        private final List<Transition> transitions = new ArrayList<>();
        private final List<Transition> firstEpisode = new ArrayList<>();

        Session(Supplier<? extends Env<?>> factory, Env<?> env, TaskRules rules, long seed, int steps) {
            this.factory = factory;
            this.env = env;
            this.envRaw = raw(env);
            this.rules = rules;
            this.seed = seed;
            this.steps = steps;
            String name;
            try {
                name = env.id();
            } catch (Throwable t) {
                rethrowIfFatal(t);
                name = null;
            }
            this.id = name == null ? env.getClass().getSimpleName() : name;
        }

        CheckReport run() {
            guard(SPACES, this::checkSpaces);
            if (obsSpace == null || actSpace == null) {
                return finish("not run: the spaces are unusable");
            }
            guard(RESET, this::checkReset);
            if (firstObs == null) {
                return finish("not run: reset(seed) failed");
            }
            if (rules != null) {
                try {
                    stateful = env.find(StatefulEnv.class).orElse(null);
                    rescale = env.find(RescaleAction.class).orElse(null);
                } catch (Throwable t) {
                    rethrowIfFatal(t);
                    stateError = "find(StatefulEnv.class) threw " + describe(t);
                }
            }
            guard(STEP, this::checkStep);
            guard(DETERMINISM_INSTANCES, this::checkInstances);
            guard(DETERMINISM_RESEED, this::checkReseed);
            guard(DETERMINISM_RESET_NULL, this::checkResetNull);
            guard(STEP_BEFORE_RESET, this::checkStepBeforeReset);
            guard(BAD_ACTIONS, this::checkBadActions);
            if (!results.containsKey(STEP_AFTER_END)) {
                if (results.get(STEP).status() == Status.FAIL) {
                    put(STEP_AFTER_END, Status.SKIP, "not exercised: the stepping check failed before an episode"
                            + " ended");
                } else {
                    put(STEP_AFTER_END, Status.WARN, "not exercised: no episode ended within " + steps
                            + " steps (wrap the env in a TimeLimit or check more steps)");
                }
            }
            checkRules();
            return finish("not run");
        }

        private CheckReport finish(String missingReason) {
            List<Check> out = new ArrayList<>();
            for (String name : CHECK_NAMES) {
                Check c = results.get(name);
                out.add(c != null ? c : new Check(name, Status.SKIP, missingReason));
            }
            return new CheckReport(id, out);
        }

        private void put(String name, Status status, String detail) {
            results.put(name, new Check(name, status, detail));
        }

        /** Runs a check; a {@link Failure} or anything thrown by the env becomes its FAIL. */
        private void guard(String name, Runnable check) {
            try {
                check.run();
            } catch (Failure f) {
                put(name, Status.FAIL, f.getMessage());
            } catch (Throwable t) {
                rethrowIfFatal(t);
                put(name, Status.FAIL, "threw " + describe(t));
            }
        }

        // ----- 1. spaces -------------------------------------------------------------------

        private void checkSpaces() {
            List<String> problems = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            Box obs;
            try {
                obs = env.observationSpace();
            } catch (Throwable t) {
                rethrowIfFatal(t);
                throw new Failure("observationSpace() threw " + describe(t));
            }
            if (obs == null) {
                throw new Failure("observationSpace() returned null");
            }
            List<Integer> infinite = new ArrayList<>();
            for (int i = 0; i < obs.size(); i++) {
                float lo = obs.low(i);
                float hi = obs.high(i);
                if (Float.isNaN(lo) || Float.isNaN(hi) || lo > hi) {
                    problems.add("observation bound " + i + " is invalid: low=" + lo + ", high=" + hi);
                } else if (Float.isInfinite(lo) || Float.isInfinite(hi)) {
                    infinite.add(i);
                }
            }
            if (!infinite.isEmpty()) {
                warnings.add("observation bounds are infinite at " + (infinite.size() == obs.size()
                        ? "every index" : "indices " + infinite) + " (normalisation and clipping cannot use them)");
            }
            Space<?> act;
            try {
                act = env.actionSpace();
            } catch (Throwable t) {
                rethrowIfFatal(t);
                throw new Failure("actionSpace() threw " + describe(t));
            }
            if (act == null) {
                throw new Failure("actionSpace() returned null");
            }
            if (act instanceof Box b) {
                boolean boundsOk = true;
                for (int i = 0; i < b.size(); i++) {
                    float lo = b.low(i);
                    float hi = b.high(i);
                    if (Float.isNaN(lo) || Float.isNaN(hi) || lo > hi) {
                        problems.add("action bound " + i + " is invalid: low=" + lo + ", high=" + hi);
                        boundsOk = false;
                    }
                }
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
            obsSpace = obs;
            actSpace = act;
            String spaces = "observation " + obs + ", action " + act;
            if (!problems.isEmpty()) {
                problems.addAll(warnings);
                put(SPACES, Status.FAIL, String.join("; ", problems));
            } else if (!warnings.isEmpty()) {
                put(SPACES, Status.WARN, String.join("; ", warnings));
            } else {
                put(SPACES, Status.PASS, spaces);
            }
        }

        private static boolean isUnit(Box b) {
            for (int i = 0; i < b.size(); i++) {
                if (b.low(i) != -1f || b.high(i) != 1f) {
                    return false;
                }
            }
            return true;
        }

        // ----- 2. reset --------------------------------------------------------------------

        private void checkReset() {
            ResetResult r = envRaw.reset(seed);
            if (r == null) {
                throw new Failure("reset(" + seed + ") returned null");
            }
            if (r.obs() == null) {
                throw new Failure("reset(" + seed + ") returned a null obs");
            }
            float[] obs = r.obs().clone();
            firstObs = obs;
            firstObsReturned = r.obs();
            String problem = obsProblem(obs, obsSpace);
            if (problem != null) {
                throw new Failure("reset(" + seed + "): " + problem);
            }
            if (r.info() == null) {
                throw new Failure("reset(" + seed + ") returned a null info");
            }
            put(RESET, Status.PASS, "reset(" + seed + ") returns a float32 obs of shape " + shape(obsSpace)
                    + " inside " + obsSpace + " and a non-null info");
        }

        // ----- 3. step (and 6. step after the end) -------------------------------------------

        private void checkStep() {
            actSpace.seed(seed);
            boolean record = rules != null && stateful != null && stateError == null;
            double[] stateBefore = record ? readState("after reset(" + seed + ")") : null;
            record = record && stateError == null;
            float[] prevObs = firstObsReturned;
            float[] prevObsCopy = firstObs.clone();
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
                    r = envRaw.step(action);
                } catch (Throwable x) {
                    rethrowIfFatal(x);
                    throw new Failure(where + ": step(" + formatAction(actionCopy) + ") threw " + describe(x));
                }
                if (r == null) {
                    throw new Failure(where + ": step returned null");
                }
                String problem = obsProblem(r.obs(), obsSpace);
                if (problem != null) {
                    throw new Failure(where + ": " + problem);
                }
                if (!Double.isFinite(r.reward())) {
                    throw new Failure(where + ": reward is " + r.reward() + " (must be finite) after action "
                            + formatAction(actionCopy));
                }
                if (r.info() == null) {
                    throw new Failure(where + ": info is null");
                }
                if (action instanceof float[] a && !Arrays.equals(a, (float[]) actionCopy)) {
                    throw new Failure(where + ": step() modified the action array passed to it (from "
                            + formatAction(actionCopy) + " to " + formatAction(a) + "); copy it before clipping");
                }
                if (r.obs() == prevObs || !Arrays.equals(prevObs, prevObsCopy)) {
                    throw new Failure(where + ": the obs array returned by the previous reset/step was "
                            + (r.obs() == prevObs ? "returned again" : "overwritten")
                            + "; the env reuses its buffer, but every obs must be a fresh array");
                }
                rmin = Math.min(rmin, r.reward());
                rmax = Math.max(rmax, r.reward());
                double[] stateAfter = null;
                if (record) {
                    stateAfter = readState("after " + where);
                    record = stateError == null;
                }
                Transition tr = new Transition(t, episode, episodeStep, stateBefore, actionCopy,
                        record ? actionRow(actionCopy) : null, stateAfter, r.obs().clone(), r.reward(),
                        r.terminated(), r.truncated());
                if (record) {
                    transitions.add(tr);
                }
                if (inFirstEpisode) {
                    firstEpisode.add(tr);
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
                        probeStepAfterEnd(tr, where);
                        inFirstEpisode = false;
                    }
                    ResetResult rr;
                    try {
                        rr = envRaw.reset(null);
                    } catch (Throwable x) {
                        rethrowIfFatal(x);
                        throw new Failure("reset(null) after episode " + episode + " ended at " + where
                                + " threw " + describe(x));
                    }
                    if (rr == null) {
                        throw new Failure("reset(null) after episode " + episode + " returned null");
                    }
                    String rp = obsProblem(rr.obs(), obsSpace);
                    if (rp != null) {
                        throw new Failure("reset(null) after episode " + episode + ": " + rp);
                    }
                    episode++;
                    episodeStep = 0;
                    prevObs = rr.obs();
                    if (record) {
                        stateBefore = readState("after reset(null)");
                        record = stateError == null;
                    }
                } else {
                    prevObs = r.obs();
                    stateBefore = stateAfter;
                }
                prevObsCopy = prevObs.clone();
            }
            put(STEP, Status.PASS, steps + " steps with actions sampled from " + actSpace + " (seed " + seed
                    + "): " + episode + " episodes, " + ended + " ended (" + terminated + " terminated, "
                    + truncated + " truncated); every obs finite and inside the space, rewards finite in ["
                    + rmin + ", " + rmax + "]");
        }

        private void probeStepAfterEnd(Transition end, String where) {
            String how = end.terminated() ? (end.truncated() ? "terminated and truncated" : "terminated")
                    : "truncated";
            String prefix = "step after the episode ended (" + how + " at " + where + ")";
            Object action = copyAction(end.action());
            Throwable thrown = null;
            try {
                envRaw.step(action);
            } catch (Throwable t) {
                rethrowIfFatal(t);
                thrown = t;
            }
            if (thrown == null) {
                put(STEP_AFTER_END, Status.FAIL, prefix + " was accepted; it must throw IllegalStateException"
                        + " until the next reset");
            } else if (!(thrown instanceof IllegalStateException)) {
                put(STEP_AFTER_END, Status.WARN, prefix + " threw " + describe(thrown)
                        + "; expected an IllegalStateException");
            } else if (!mentionsId(thrown)) {
                put(STEP_AFTER_END, Status.WARN, prefix + " threw " + describe(thrown)
                        + ", but the message does not name the env id " + id);
            } else {
                put(STEP_AFTER_END, Status.PASS, prefix + " threw " + describe(thrown));
            }
        }

        private double[] readState(String when) {
            try {
                double[] s = stateful.getState();
                if (s == null) {
                    stateError = "getState() returned null " + when;
                    return null;
                }
                return s.clone();
            } catch (Throwable t) {
                rethrowIfFatal(t);
                stateError = "getState() " + when + " threw " + describe(t);
                return null;
            }
        }

        /** The action as a rules row: float[] widened (through RescaleAction if any), Integer as its index. */
        private double[] actionRow(Object action) {
            if (action instanceof float[] a) {
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

        // ----- 4. determinism --------------------------------------------------------------

        private void checkInstances() {
            if (factory == null) {
                put(DETERMINISM_INSTANCES, Status.SKIP, "needs a factory to make two fresh instances");
                return;
            }
            Env<?> b = null;
            Env<?> c = null;
            try {
                b = make("first");
                c = make("second");
                if (b == c || b == env || c == env) {
                    throw new Failure("the factory returned the same instance twice; it must make a fresh env"
                            + " per call");
                }
                Env<Object> eb = raw(b);
                Env<Object> ec = raw(c);
                float[] ob = resetObs(eb, seed, "first instance");
                float[] oc = resetObs(ec, seed, "second instance");
                String d = obsDiff(ob, oc);
                if (d != null) {
                    throw new Failure("reset(" + seed + ") on two fresh instances: " + d);
                }
                Space<?> space = b.actionSpace();
                space.seed(seed);
                int episode = 1;
                int episodeStep = 0;
                for (int t = 1; t <= steps; t++) {
                    episodeStep++;
                    String where = where(t, episode, episodeStep);
                    Object action = space.sample();
                    StepResult rb = stepOrFail(eb, copyAction(action), where, "first instance");
                    StepResult rc = stepOrFail(ec, copyAction(action), where, "second instance");
                    d = stepDiff(rb, rc);
                    if (d != null) {
                        throw new Failure("two fresh instances diverge at " + where + " under action "
                                + formatAction(action) + ": " + d);
                    }
                    if (rb.done()) {
                        ob = resetObs(eb, null, "first instance");
                        oc = resetObs(ec, null, "second instance");
                        d = obsDiff(ob, oc);
                        if (d != null) {
                            throw new Failure("reset(null) after episode " + episode
                                    + " differs between two fresh instances: " + d);
                        }
                        episode++;
                        episodeStep = 0;
                    }
                }
                put(DETERMINISM_INSTANCES, Status.PASS, "two fresh instances reset with seed " + seed
                        + " and fed the same " + steps + " actions gave bit-identical obs, rewards and flags ("
                        + episode + " episodes)");
            } finally {
                closeQuietly(b);
                closeQuietly(c);
            }
        }

        private void checkReseed() {
            float[] again = resetObs(envRaw, seed, "this instance");
            String d = obsDiff(firstObs, again);
            if (d != null) {
                throw new Failure("reset(" + seed + ") twice on the same instance gave different first obs: " + d);
            }
            int n = 0;
            for (Transition tr : firstEpisode) {
                String where = where(tr.step(), tr.episode(), tr.episodeStep());
                StepResult r = stepOrFail(envRaw, copyAction(tr.action()), where, "replay");
                StepResult rec = new StepResult(tr.nextObs(), tr.reward(), tr.terminated(), tr.truncated(), null);
                d = stepDiff(rec, r);
                if (d != null) {
                    throw new Failure("replaying the first episode after reset(" + seed + ") diverges at " + where
                            + " (first run vs replay): " + d);
                }
                n++;
            }
            put(DETERMINISM_RESEED, Status.PASS, "reset(" + seed + ") again gives the same first obs, and replaying"
                    + " the first episode's " + n + " actions gives bit-identical obs, rewards and flags");
        }

        private void checkResetNull() {
            float[] seeded = resetObs(envRaw, seed, "this instance");
            float[] next = resetObs(envRaw, null, "this instance");
            if (obsDiff(seeded, next) != null) {
                put(DETERMINISM_RESET_NULL, Status.PASS, "reset(null) after reset(" + seed
                        + ") continues the random stream (a new first obs)");
                return;
            }
            float[] other = resetObs(envRaw, seed + 1, "this instance");
            if (obsDiff(seeded, other) == null) {
                put(DETERMINISM_RESET_NULL, Status.PASS, "not applicable: the first obs does not depend on the"
                        + " seed (reset(" + seed + ") and reset(" + (seed + 1) + ") agree)");
                return;
            }
            put(DETERMINISM_RESET_NULL, Status.WARN, "reset(null) right after reset(" + seed
                    + ") repeated the seeded first obs " + vec(seeded) + ": it re-seeds instead of continuing"
                    + " the random stream as Gymnasium's reset(None) does");
        }

        // ----- 5. calls out of order and bad actions -----------------------------------------

        private void checkStepBeforeReset() {
            if (factory == null) {
                put(STEP_BEFORE_RESET, Status.SKIP, "needs a factory to make a fresh instance");
                return;
            }
            Env<?> fresh = make("fresh");
            try {
                Object action = validAction();
                String what = "step(" + formatAction(action) + ") on a fresh instance before reset()";
                Throwable thrown = null;
                try {
                    raw(fresh).step(action);
                } catch (Throwable t) {
                    rethrowIfFatal(t);
                    thrown = t;
                }
                if (thrown == null) {
                    put(STEP_BEFORE_RESET, Status.FAIL, what + " was accepted; it must throw IllegalStateException");
                } else if (!(thrown instanceof IllegalStateException)) {
                    put(STEP_BEFORE_RESET, Status.FAIL, what + " threw " + describe(thrown)
                            + "; expected an IllegalStateException");
                } else if (!mentionsId(thrown)) {
                    put(STEP_BEFORE_RESET, Status.WARN, what + " threw " + describe(thrown)
                            + ", but the message does not name the env id " + id);
                } else {
                    put(STEP_BEFORE_RESET, Status.PASS, what + " threw " + describe(thrown));
                }
            } finally {
                closeQuietly(fresh);
            }
        }

        private void checkBadActions() {
            Map<String, Object> bad = new LinkedHashMap<>();
            if (actSpace instanceof Box b) {
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
            } else if (actSpace instanceof Discrete d) {
                bad.put("-1", -1);
                bad.put("n = " + d.n(), d.n());
                bad.put("wrong type float[] {0.0}", new float[] {0f});
            } else {
                put(BAD_ACTIONS, Status.SKIP, "unsupported action space " + actSpace);
                return;
            }
            List<String> failures = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (Map.Entry<String, Object> e : bad.entrySet()) {
                resetObs(envRaw, seed, "this instance");
                Throwable thrown = null;
                try {
                    envRaw.step(e.getValue());
                } catch (Throwable t) {
                    rethrowIfFatal(t);
                    thrown = t;
                }
                if (thrown == null) {
                    failures.add(e.getKey() + " was accepted");
                } else if (!(thrown instanceof IllegalArgumentException)) {
                    failures.add(e.getKey() + " threw " + describe(thrown) + " instead of IllegalArgumentException");
                } else if (!mentionsId(thrown)) {
                    warnings.add(e.getKey() + " threw " + describe(thrown) + ", but the message does not name the"
                            + " env id " + id);
                }
            }
            if (!failures.isEmpty()) {
                failures.addAll(warnings);
                put(BAD_ACTIONS, Status.FAIL, String.join("; ", failures));
            } else if (!warnings.isEmpty()) {
                put(BAD_ACTIONS, Status.WARN, String.join("; ", warnings));
            } else {
                put(BAD_ACTIONS, Status.PASS, "rejected " + bad.size() + " bad actions (" + String.join(", ",
                        bad.keySet()) + ") with IllegalArgumentException naming " + id);
            }
        }

        private Object validAction() {
            if (actSpace instanceof Box b) {
                return validBoxAction(b);
            }
            if (actSpace instanceof Discrete) {
                return 0;
            }
            actSpace.seed(seed);
            return actSpace.sample();
        }

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

        // ----- 7. task rules ---------------------------------------------------------------

        private void checkRules() {
            String skip = null;
            if (rules == null) {
                skip = "no TaskRules given";
            } else if (stateError == null && stateful == null) {
                skip = "the env is not a StatefulEnv (find(StatefulEnv.class) is empty)";
            }
            if (skip != null) {
                put(RULES_TERMINATED, Status.SKIP, skip);
                put(RULES_REWARD, Status.SKIP, skip);
                put(RULES_STATE_FROM_OBS, Status.SKIP, skip);
                return;
            }
            String problem = stateError;
            if (problem == null && transitions.isEmpty()) {
                problem = "no transitions were recorded (the stepping check failed at its first step)";
            }
            if (problem == null) {
                try {
                    problem = dimsProblem();
                } catch (Throwable t) {
                    rethrowIfFatal(t);
                    problem = "reading the dimensions threw " + describe(t);
                }
            }
            if (problem != null) {
                put(RULES_TERMINATED, Status.FAIL, problem);
                put(RULES_REWARD, Status.FAIL, problem);
                put(RULES_STATE_FROM_OBS, Status.FAIL, problem);
                return;
            }
            guard(RULES_TERMINATED, this::checkRulesTerminated);
            guard(RULES_REWARD, this::checkRulesReward);
            guard(RULES_STATE_FROM_OBS, this::checkRulesStateFromObs);
        }

        private String dimsProblem() {
            List<String> p = new ArrayList<>();
            int sd = stateful.stateDim();
            if (rules.stateDim() != sd) {
                p.add("rules.stateDim() is " + rules.stateDim() + " but the env's stateDim() is " + sd);
            }
            if (rules.obsDim() != obsSpace.size()) {
                p.add("rules.obsDim() is " + rules.obsDim() + " but the observation space holds " + obsSpace.size());
            }
            int ad = actSpace instanceof Box b ? b.size() : 1;
            if (rules.actionDim() != ad) {
                p.add("rules.actionDim() is " + rules.actionDim() + " but the action space needs " + ad);
            }
            for (Transition t : transitions) {
                if (t.state().length != sd || t.nextState().length != sd) {
                    p.add("getState() returned " + (t.state().length != sd ? t.state().length : t.nextState().length)
                            + " values at " + whereOf(t) + ", but stateDim() is " + sd);
                    break;
                }
                if (t.actionRow() == null) {
                    p.add("action " + formatAction(t.action()) + " cannot be passed to the rules as numbers");
                    break;
                }
            }
            return p.isEmpty() ? null : String.join("; ", p);
        }

        private void checkRulesTerminated() {
            int n = transitions.size();
            int sd = rules.stateDim();
            double[] next = new double[n * sd];
            for (int i = 0; i < n; i++) {
                System.arraycopy(transitions.get(i).nextState(), 0, next, i * sd, sd);
            }
            boolean[] out = new boolean[n];
            rules.terminated(next, n, out);
            int terminal = 0;
            for (int i = 0; i < n; i++) {
                Transition t = transitions.get(i);
                if (out[i] != t.terminated()) {
                    throw new Failure("at " + whereOf(t) + " rules.terminated says " + out[i] + " but the env said "
                            + t.terminated() + " (next state " + vec(t.nextState()) + ")");
                }
                if (t.terminated()) {
                    terminal++;
                }
            }
            put(RULES_TERMINATED, Status.PASS, "rules.terminated matches the env's flags on " + n + " transitions ("
                    + terminal + " terminal)");
        }

        private void checkRulesReward() {
            int n = transitions.size();
            int sd = rules.stateDim();
            int ad = rules.actionDim();
            double[] states = new double[n * sd];
            double[] next = new double[n * sd];
            double[] actions = new double[n * ad];
            boolean[] term = new boolean[n];
            for (int i = 0; i < n; i++) {
                Transition t = transitions.get(i);
                System.arraycopy(t.state(), 0, states, i * sd, sd);
                System.arraycopy(t.nextState(), 0, next, i * sd, sd);
                System.arraycopy(t.actionRow(), 0, actions, i * ad, ad);
                term[i] = t.terminated();
            }
            double[] out = new double[n];
            rules.reward(states, actions, next, term, n, out);
            double maxDiff = 0;
            for (int i = 0; i < n; i++) {
                Transition t = transitions.get(i);
                double diff = Math.abs(out[i] - t.reward());
                if (!(diff <= REWARD_TOLERANCE * Math.max(1, Math.abs(t.reward())))) {
                    throw new Failure("at " + whereOf(t) + " rules.reward gives " + out[i] + " but the env gave "
                            + t.reward() + " (state " + vec(t.state()) + ", action " + vec(t.actionRow())
                            + ", next state " + vec(t.nextState()) + ")");
                }
                maxDiff = Math.max(maxDiff, diff);
            }
            put(RULES_REWARD, Status.PASS, "rules.reward matches the env's rewards on " + n + " transitions within "
                    + REWARD_TOLERANCE + " (max |diff| " + maxDiff + ")" + (rescale != null
                    ? "; actions mapped through RescaleAction" : ""));
        }

        private void checkRulesStateFromObs() {
            int n = transitions.size();
            int sd = rules.stateDim();
            int od = rules.obsDim();
            double[] obs = new double[n * od];
            for (int i = 0; i < n; i++) {
                float[] o = transitions.get(i).nextObs();
                for (int j = 0; j < od; j++) {
                    obs[i * od + j] = o[j];
                }
            }
            double[] rec = new double[n * sd];
            rules.stateFromObs(obs, n, rec);
            // components recovered directly (within tolerance on every transition)
            double[] maxDiff = new double[sd];
            boolean[] direct = new boolean[sd];
            Arrays.fill(direct, true);
            for (int i = 0; i < n; i++) {
                double[] s = transitions.get(i).nextState();
                for (int j = 0; j < sd; j++) {
                    double r = rec[i * sd + j];
                    double diff = Math.abs(r - s[j]);
                    if (!(diff <= STATE_TOLERANCE * Math.max(1, Math.abs(s[j])))) {
                        direct[j] = false;
                    }
                    maxDiff[j] = Double.isNaN(diff) ? Double.NaN : Math.max(maxDiff[j], diff);
                }
            }
            List<Integer> same = new ArrayList<>();
            List<Integer> differ = new ArrayList<>();
            for (int j = 0; j < sd; j++) {
                (direct[j] ? same : differ).add(j);
            }
            double worst = 0;
            for (double d : maxDiff) {
                worst = Double.isNaN(d) ? Double.NaN : Math.max(worst, d);
            }
            if (differ.isEmpty()) {
                put(RULES_STATE_FROM_OBS, Status.PASS, "rules.stateFromObs recovers all " + sd
                        + " state components from " + n + " observations within " + STATE_TOLERANCE + " (max |diff| "
                        + worst + ")");
                return;
            }
            // Some components differ (e.g. an unbounded angle seen through cos/sin): accept them only
            // if the recovered state is observed as the same obs.
            for (int i = 0; i < n; i++) {
                Transition t = transitions.get(i);
                double[] s = Arrays.copyOfRange(rec, i * sd, (i + 1) * sd);
                float[] o;
                try {
                    stateful.setState(s);
                    o = stateful.observe();
                } catch (Throwable x) {
                    rethrowIfFatal(x);
                    throw new Failure("state components " + differ + " differ from the true state, and setState/observe"
                            + " of the recovered state " + vec(s) + " threw " + describe(x));
                }
                String bad = null;
                if (o == null || o.length != od) {
                    bad = "observe() gave " + (o == null ? "null" : o.length + " values");
                } else {
                    for (int j = 0; j < od; j++) {
                        double want = t.nextObs()[j];
                        if (!(Math.abs(o[j] - want) <= STATE_TOLERANCE * Math.max(1, Math.abs(want)))) {
                            bad = "obs[" + j + "] " + want + " became " + o[j];
                            break;
                        }
                    }
                }
                if (bad != null) {
                    throw new Failure("at " + whereOf(t) + " rules.stateFromObs(" + vec(t.nextObs()) + ") gives "
                            + vec(s) + ", but the true state was " + vec(t.nextState()) + " and observing the"
                            + " recovered state does not give the obs back (" + bad + ")");
                }
            }
            put(RULES_STATE_FROM_OBS, Status.PASS, "rules.stateFromObs recovers state components " + same
                    + " within " + STATE_TOLERANCE + "; components " + differ
                    + " differ from the true state (max |diff| " + maxOf(maxDiff, differ) + ", e.g. an angle seen through cos/sin), but observe() of each recovered"
                    + " state gives its obs back within " + STATE_TOLERANCE + " (" + n + " observations)");
        }

        private static double maxOf(double[] v, List<Integer> idx) {
            double m = 0;
            for (int i : idx) {
                m = Math.max(m, v[i]);
            }
            return m;
        }

        // ----- helpers ---------------------------------------------------------------------

        private Env<?> make(String which) {
            Env<?> e;
            try {
                e = factory.get();
            } catch (Throwable t) {
                rethrowIfFatal(t);
                throw new Failure("the factory threw " + describe(t) + " making a " + which + " instance");
            }
            if (e == null) {
                throw new Failure("the factory returned null making a " + which + " instance");
            }
            return e;
        }

        private float[] resetObs(Env<Object> e, Long s, String which) {
            ResetResult r;
            try {
                r = e.reset(s);
            } catch (Throwable t) {
                rethrowIfFatal(t);
                throw new Failure("reset(" + s + ") on " + which + " threw " + describe(t));
            }
            if (r == null || r.obs() == null) {
                throw new Failure("reset(" + s + ") on " + which + " returned " + (r == null ? "null" : "a null obs"));
            }
            return r.obs().clone();
        }

        private StepResult stepOrFail(Env<Object> e, Object action, String where, String which) {
            StepResult r;
            try {
                r = e.step(action);
            } catch (Throwable t) {
                rethrowIfFatal(t);
                throw new Failure(which + " threw at " + where + " under action " + formatAction(action) + ": "
                        + describe(t));
            }
            if (r == null || r.obs() == null) {
                throw new Failure(which + " returned " + (r == null ? "null" : "a null obs") + " at " + where);
            }
            return r;
        }

        private boolean mentionsId(Throwable t) {
            return t.getMessage() != null && t.getMessage().contains(id);
        }

        private static String whereOf(Transition t) {
            return where(t.step(), t.episode(), t.episodeStep());
        }
    }

    // ---------------------------------------------------------------------------------------

    /** Null when {@code obs} is a finite element of {@code space}, else what is wrong with it. */
    static String obsProblem(float[] obs, Box space) {
        if (obs == null) {
            return "obs is null";
        }
        if (obs.length != space.size()) {
            return "obs has " + obs.length + " values but the observation space " + space + " holds " + space.size();
        }
        for (int i = 0; i < obs.length; i++) {
            if (!Float.isFinite(obs[i])) {
                return "obs[" + i + "] = " + obs[i] + " is not finite (obs " + vec(obs) + ")";
            }
        }
        for (int i = 0; i < obs.length; i++) {
            if (!(obs[i] >= space.low(i) && obs[i] <= space.high(i))) {
                return "obs[" + i + "] = " + obs[i] + " is outside [" + space.low(i) + ", " + space.high(i)
                        + "] of the observation space " + space + " (obs " + vec(obs) + ")";
            }
        }
        return null;
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

    private static String where(int step, int episode, int episodeStep) {
        return "step " + step + " (episode " + episode + ", step " + episodeStep + ")";
    }

    private static String shape(Box b) {
        int[] s = b.shape();
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(s[i]).append(s.length == 1 || i < s.length - 1 ? "," : "");
        }
        return sb.append(')').toString();
    }

    private static Object copyAction(Object a) {
        return a instanceof float[] f ? f.clone() : a;
    }

    private static String formatAction(Object a) {
        return a instanceof float[] f ? vec(f) : String.valueOf(a);
    }

    private static final int MAX_SHOWN = 8;

    static String vec(float[] v) {
        if (v == null) {
            return "null";
        }
        if (v.length <= MAX_SHOWN) {
            return Arrays.toString(v);
        }
        return Arrays.toString(Arrays.copyOf(v, MAX_SHOWN)).replace("]", ", ... (" + v.length + " values)]");
    }

    static String vec(double[] v) {
        if (v == null) {
            return "null";
        }
        if (v.length <= MAX_SHOWN) {
            return Arrays.toString(v);
        }
        return Arrays.toString(Arrays.copyOf(v, MAX_SHOWN)).replace("]", ", ... (" + v.length + " values)]");
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Env<?> e) {
        if (e == null) {
            return;
        }
        try {
            e.close();
        } catch (Throwable t) {
            rethrowIfFatal(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static Env<Object> raw(Env<?> e) {
        return (Env<Object>) e;
    }
}
