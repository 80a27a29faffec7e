package org.mbpo4j.env;

import static org.mbpo4j.env.Throwables.closeQuietly;
import static org.mbpo4j.env.Throwables.describe;
import static org.mbpo4j.env.Throwables.rethrowIfFatal;

import java.util.List;
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
 *
 * <p>This class holds the public entry points and the order of the checks; the checks themselves
 * live in small package-private classes that share one {@link CheckContext}:
 * {@link SpacesAndResetChecks}, {@link SteppingCheck}, {@link DeterminismChecks},
 * {@link MisuseChecks} and {@link RulesChecks}.
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
        return run(new CheckContext(null, env, rulesOrNull, seed, steps));
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
            return run(new CheckContext(factory, env, rulesOrNull, seed, steps));
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
            return new TimeLimit<>(CheckContext.raw(e), limit);
        };
        return check(factory, spec.rules(), seed, steps);
    }

    private static void requireSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
    }

    /** Runs every check on {@code ctx} in the order of {@link #CHECK_NAMES}. */
    private static CheckReport run(CheckContext ctx) {
        SpacesAndResetChecks start = new SpacesAndResetChecks(ctx);
        ctx.guard(SPACES, start::checkSpaces);
        if (ctx.obsSpace() == null || ctx.actSpace() == null) {
            return ctx.report("not run: the spaces are unusable");
        }
        ctx.guard(RESET, start::checkReset);
        if (ctx.firstObs() == null) {
            return ctx.report("not run: reset(seed) failed");
        }
        if (ctx.rules() != null) {
            ctx.findStatefulEnv();
        }
        MisuseChecks misuse = new MisuseChecks(ctx);
        ctx.guard(STEP, new SteppingCheck(ctx, misuse)::run);
        DeterminismChecks determinism = new DeterminismChecks(ctx);
        ctx.guard(DETERMINISM_INSTANCES, determinism::checkInstances);
        ctx.guard(DETERMINISM_RESEED, determinism::checkReseed);
        ctx.guard(DETERMINISM_RESET_NULL, determinism::checkResetNull);
        ctx.guard(STEP_BEFORE_RESET, misuse::checkStepBeforeReset);
        ctx.guard(BAD_ACTIONS, misuse::checkBadActions);
        misuse.reportStepAfterEndIfNotExercised();
        new RulesChecks(ctx).run();
        return ctx.report("not run");
    }
}
