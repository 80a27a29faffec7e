package org.mbpo4j.env;

import static org.mbpo4j.env.CheckText.formatAction;
import static org.mbpo4j.env.CheckText.vec;
import static org.mbpo4j.env.Throwables.describe;
import static org.mbpo4j.env.Throwables.rethrowIfFatal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mbpo4j.env.CheckReport.Check;
import org.mbpo4j.env.CheckReport.Status;

/**
 * What the checks of one {@link EnvChecker} run share: the env under test, the factory (null when
 * checking a single instance), the rules, seed and steps; what earlier checks found out (the
 * spaces, the first obs, the {@link StatefulEnv} behind the env, the recorded transitions); and
 * the result of each check, from which it builds the {@link CheckReport}.
 */
final class CheckContext {
    private final Supplier<? extends Env<?>> factory;
    private final Env<Object> env;
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
    /** The steps recorded for the rules checks (with states). */
    private final List<Transition> transitions = new ArrayList<>();
    /** The steps of the first episode, replayed by the reseed check. */
    private final List<Transition> firstEpisode = new ArrayList<>();

    CheckContext(Supplier<? extends Env<?>> factory, Env<?> env, TaskRules rules, long seed, int steps) {
        this.factory = factory;
        this.env = raw(env);
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

    @SuppressWarnings("unchecked")
    static Env<Object> raw(Env<?> e) {
        return (Env<Object>) e;
    }

    // ----- the run's inputs --------------------------------------------------------------------

    Env<Object> env() {
        return env;
    }

    boolean hasFactory() {
        return factory != null;
    }

    TaskRules rules() {
        return rules;
    }

    long seed() {
        return seed;
    }

    int steps() {
        return steps;
    }

    /** The env's id, or its class's simple name when it has none. */
    String id() {
        return id;
    }

    // ----- what the checks found out -----------------------------------------------------------

    Box obsSpace() {
        return obsSpace;
    }

    Space<?> actSpace() {
        return actSpace;
    }

    void useSpaces(Box obs, Space<?> act) {
        obsSpace = obs;
        actSpace = act;
    }

    /** A copy of the first obs reset(seed) gave, or null before the reset check passed it. */
    float[] firstObs() {
        return firstObs;
    }

    float[] firstObsReturned() {
        return firstObsReturned;
    }

    void useFirstObs(float[] returned, float[] copy) {
        firstObsReturned = returned;
        firstObs = copy;
    }

    /**
     * Looks up the {@link StatefulEnv} and {@link RescaleAction} that the rules checks need. An
     * env whose rules work on other rows than its state ({@link RuleStateSource}) is seen
     * through those rows.
     */
    void findStatefulEnv() {
        try {
            RuleStateSource rows = env.find(RuleStateSource.class).orElse(null);
            stateful = rows != null && rules != null ? new RuleRows(rows, rules.stateDim())
                    : env.find(StatefulEnv.class).orElse(null);
            rescale = env.find(RescaleAction.class).orElse(null);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            stateError = "find(StatefulEnv.class) threw " + describe(t);
        }
    }

    StatefulEnv stateful() {
        return stateful;
    }

    RescaleAction rescale() {
        return rescale;
    }

    /** Why the env's state cannot be read, or null while it can. */
    String stateError() {
        return stateError;
    }

    void stateError(String problem) {
        stateError = problem;
    }

    List<Transition> transitions() {
        return transitions;
    }

    List<Transition> firstEpisode() {
        return firstEpisode;
    }

    // ----- results -----------------------------------------------------------------------------

    void put(String name, Status status, String detail) {
        results.put(name, new Check(name, status, detail));
    }

    /**
     * FAIL listing the failures then the warnings when there are failures, else WARN listing the
     * warnings when there are any, else PASS with {@code passDetail}.
     */
    void putVerdict(String name, List<String> failures, List<String> warnings, String passDetail) {
        if (!failures.isEmpty()) {
            List<String> all = new ArrayList<>(failures);
            all.addAll(warnings);
            put(name, Status.FAIL, String.join("; ", all));
        } else if (!warnings.isEmpty()) {
            put(name, Status.WARN, String.join("; ", warnings));
        } else {
            put(name, Status.PASS, passDetail);
        }
    }

    boolean has(String name) {
        return results.containsKey(name);
    }

    Status status(String name) {
        return results.get(name).status();
    }

    /** Runs a check; a {@link CheckFailure} or anything thrown by the env becomes its FAIL. */
    void guard(String name, Runnable check) {
        try {
            check.run();
        } catch (CheckFailure f) {
            put(name, Status.FAIL, f.getMessage());
        } catch (Throwable t) {
            rethrowIfFatal(t);
            put(name, Status.FAIL, "threw " + describe(t));
        }
    }

    /** The report: every check of {@link EnvChecker#CHECK_NAMES}, those not run as SKIP. */
    CheckReport report(String missingReason) {
        List<Check> out = new ArrayList<>();
        for (String name : EnvChecker.CHECK_NAMES) {
            Check c = results.get(name);
            out.add(c != null ? c : new Check(name, Status.SKIP, missingReason));
        }
        return new CheckReport(id, out);
    }

    // ----- driving envs ------------------------------------------------------------------------

    /** A fresh instance from the factory; {@code which} names it in the failure. */
    Env<Object> make(String which) {
        Env<?> e;
        try {
            e = factory.get();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            throw new CheckFailure("the factory threw " + describe(t) + " making a " + which + " instance");
        }
        if (e == null) {
            throw new CheckFailure("the factory returned null making a " + which + " instance");
        }
        return raw(e);
    }

    /** A copy of the obs {@code e.reset(s)} gives, failing the check when there is none. */
    float[] resetObs(Env<Object> e, Long s, String which) {
        ResetResult r;
        try {
            r = e.reset(s);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            throw new CheckFailure("reset(" + s + ") on " + which + " threw " + describe(t));
        }
        if (r == null || r.obs() == null) {
            throw new CheckFailure("reset(" + s + ") on " + which + " returned "
                    + (r == null ? "null" : "a null obs"));
        }
        return r.obs().clone();
    }

    /** {@code e.step(action)}, failing the check when it throws or gives no obs. */
    StepResult stepOrFail(Env<Object> e, Object action, String where, String which) {
        StepResult r;
        try {
            r = e.step(action);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            throw new CheckFailure(which + " threw at " + where + " under action " + formatAction(action) + ": "
                    + describe(t));
        }
        if (r == null || r.obs() == null) {
            throw new CheckFailure(which + " returned " + (r == null ? "null" : "a null obs") + " at " + where);
        }
        return r;
    }

    /** Whether the exception's message names the env id. */
    boolean mentionsId(Throwable t) {
        return t.getMessage() != null && t.getMessage().contains(id);
    }

    /** Null when {@code obs} is a finite element of the observation space, else what is wrong with it. */
    String obsProblem(float[] obs) {
        Box space = obsSpace;
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

    /** The action with a float[] copied, so that an env that modifies it cannot change the record. */
    static Object copyAction(Object a) {
        return a instanceof float[] f ? f.clone() : a;
    }

    /** The rules' rows of a {@link RuleStateSource}, read as the rules checks read states; they cannot be set. */
    private record RuleRows(RuleStateSource source, int stateDim) implements StatefulEnv {
        @Override
        public double[] getState() {
            return source.ruleState();
        }

        @Override
        public void setState(double[] state) {
            throw new UnsupportedOperationException("the rules' rows of this env are read from it, not set");
        }

        @Override
        public float[] observe() {
            throw new UnsupportedOperationException("the rules' rows of this env are read from it, not observed");
        }

        @Override
        public long[] randomState() {
            return null;
        }

        @Override
        public void restoreRandomState(long[] state) {
            throw new UnsupportedOperationException("not an env state");
        }
    }
}
