package org.mbpo4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mbpo4j.env.CheckReport.Check;
import org.mbpo4j.env.CheckReport.Status;
import org.mbpo4j.env.ToyPointMass.Bug;
import org.mbpo4j.random.Rng;

class EnvCheckerTest {
    private static final long SEED = 42;
    private static final int STEPS = 200;

    private static Supplier<Env<?>> pointMass(Bug... bugs) {
        return () -> new TimeLimit<>(new ToyPointMass(bugs), 30);
    }

    private static CheckReport checkPointMass(Bug... bugs) {
        return EnvChecker.check(pointMass(bugs), new ToyPointMass(bugs).rules(), SEED, STEPS);
    }

    private static void assertStatus(CheckReport r, String name, Status expected) {
        assertEquals(expected, r.status(name), () -> name + " in\n" + r.toText());
    }

    private static void assertFails(CheckReport r, String name, String... detailParts) {
        assertStatus(r, name, Status.FAIL);
        assertFalse(r.passed(), r::toText);
        String detail = r.check(name).orElseThrow().detail();
        for (String part : detailParts) {
            assertTrue(detail.contains(part), () -> "detail of " + name + " lacks '" + part + "': " + detail);
        }
    }

    private static void assertAllPass(CheckReport r) {
        for (Check c : r.checks()) {
            assertEquals(Status.PASS, c.status(), () -> c.name() + " in\n" + r.toText());
        }
        assertTrue(r.passed());
        assertEquals(EnvChecker.CHECK_NAMES, r.checks().stream().map(Check::name).toList());
    }

    @Test
    void goodPointMassPassesEveryCheck() {
        CheckReport r = checkPointMass();
        assertAllPass(r);
        assertEquals(ToyPointMass.ID, r.envId());
        String text = r.toText();
        assertTrue(text.startsWith("PASS  spaces: observation Box(-2.0, 2.0, (2,), float32)"), text);
        assertTrue(text.contains("PASS  reset: reset(42) returns a float32 obs of shape (2,) inside Box("), text);
        String step = r.check(EnvChecker.STEP).orElseThrow().detail();
        assertTrue(step.contains("terminated") && step.contains("truncated"), step);
        assertTrue(r.check(EnvChecker.STEP_AFTER_END).orElseThrow().detail().contains("IllegalStateException"));
    }

    @Test
    void reportIsReproducible() {
        assertEquals(checkPointMass().toText(), checkPointMass().toText());
    }

    @Test
    void specOverloadWrapsInTimeLimitAndUsesRules() {
        EnvSpec spec = new EnvSpec(ToyPointMass.ID, ToyPointMass::new, 25, Double.NaN,
                new ToyPointMass().rules(), ToyPointMass.ID, "toy");
        CheckReport r = EnvChecker.check(spec, SEED, STEPS);
        assertAllPass(r);
        assertTrue(r.check(EnvChecker.STEP).orElseThrow().detail().contains("truncated"));
    }

    @Test
    void singleInstanceSkipsTheChecksThatNeedAFactory() {
        CheckReport r = EnvChecker.check(new TimeLimit<>(new ToyPointMass(), 30), SEED, STEPS);
        assertTrue(r.passed(), r::toText);
        assertStatus(r, EnvChecker.DETERMINISM_INSTANCES, Status.SKIP);
        assertStatus(r, EnvChecker.STEP_BEFORE_RESET, Status.SKIP);
        assertStatus(r, EnvChecker.RULES_REWARD, Status.SKIP);
        assertStatus(r, EnvChecker.DETERMINISM_RESEED, Status.PASS);
        assertStatus(r, EnvChecker.BAD_ACTIONS, Status.PASS);
        assertEquals(0, r.warnings());

        CheckReport withRules = EnvChecker.check(new TimeLimit<>(new ToyPointMass(), 30),
                new ToyPointMass().rules(), SEED, STEPS);
        assertStatus(withRules, EnvChecker.RULES_REWARD, Status.PASS);
    }

    @Test
    void unnormalisedActionSpaceWarnsAndRescaleActionFixesIt() {
        CheckReport r = EnvChecker.check(() -> new TimeLimit<>(new ToyPointMass(2f), 30),
                new ToyPointMass(2f).rules(), SEED, STEPS);
        assertStatus(r, EnvChecker.SPACES, Status.WARN);
        assertTrue(r.check(EnvChecker.SPACES).orElseThrow().detail().contains("RescaleAction"));
        assertTrue(r.passed());
        assertEquals(1, r.warnings());

        CheckReport rescaled = EnvChecker.check(() -> new TimeLimit<>(new RescaleAction(new ToyPointMass(2f)), 30),
                new ToyPointMass(2f).rules(), SEED, STEPS);
        for (Check c : rescaled.checks()) {
            // Wrapper.step validates before the compiler's casting bridge runs, so even a
            // wrong-typed action is an IllegalArgumentException naming the env.
            assertEquals(Status.PASS, c.status(), () -> c.name() + " in\n" + rescaled.toText());
        }
        assertTrue(rescaled.check(EnvChecker.RULES_REWARD).orElseThrow().detail().contains("RescaleAction"));
    }

    @Test
    void obsOutsideItsSpaceFailsStep() {
        CheckReport r = checkPointMass(Bug.OBS_OUTSIDE);
        assertStatus(r, EnvChecker.RESET, Status.PASS);
        assertFails(r, EnvChecker.STEP, "step 3 (episode 1, step 3)", "obs[0] = ", "is outside [-2.0, 2.0]");
    }

    @Test
    void nonDeterministicEnvFailsDeterminism() {
        CheckReport r = checkPointMass(Bug.NONDETERMINISTIC);
        assertFails(r, EnvChecker.DETERMINISM_INSTANCES, "reset(42) on two fresh instances: obs[0]");
        assertFails(r, EnvChecker.DETERMINISM_RESEED, "reset(42) twice on the same instance");
        assertStatus(r, EnvChecker.STEP, Status.PASS);
    }

    @Test
    void nanRewardFailsStep() {
        CheckReport r = checkPointMass(Bug.NAN_REWARD);
        assertFails(r, EnvChecker.STEP, "step 5 (episode 1, step 5): reward is NaN");
    }

    @Test
    void rewardRulesThatDisagreeWithStepFail() {
        CheckReport r = checkPointMass(Bug.REWARD_DISAGREES);
        assertFails(r, EnvChecker.RULES_REWARD, "at step 1 (episode 1, step 1) rules.reward gives", "but the env gave");
        assertStatus(r, EnvChecker.RULES_TERMINATED, Status.PASS);
        assertStatus(r, EnvChecker.RULES_STATE_FROM_OBS, Status.PASS);
        assertEquals(1, r.failures(), r::toText);
    }

    @Test
    void terminationRulesThatDisagreeWithStepFail() {
        CheckReport r = checkPointMass(Bug.TERMINATION_DISAGREES);
        assertFails(r, EnvChecker.RULES_TERMINATED, "rules.terminated says false but the env said true");
        assertStatus(r, EnvChecker.RULES_REWARD, Status.PASS);
        assertEquals(1, r.failures(), r::toText);
    }

    @Test
    void wrongStateFromObsFails() {
        CheckReport r = checkPointMass(Bug.BAD_STATE_FROM_OBS);
        assertFails(r, EnvChecker.RULES_STATE_FROM_OBS, "rules.stateFromObs(", "does not give the obs back (obs[1]");
        assertEquals(1, r.failures(), r::toText);
    }

    @Test
    void reusedObsBufferFailsStep() {
        CheckReport r = checkPointMass(Bug.OBS_REUSED);
        assertFails(r, EnvChecker.STEP, "step 1 (episode 1, step 1)", "reuses its buffer");
    }

    @Test
    void actionMutationFailsStep() {
        CheckReport r = checkPointMass(Bug.MUTATES_ACTION);
        assertFails(r, EnvChecker.STEP, "modified the action array");
    }

    @Test
    void exceptionsFromTheEnvBecomeFailures() {
        CheckReport r = checkPointMass(Bug.THROWS);
        assertFails(r, EnvChecker.STEP, "step 7 (episode 1, step 7)", "threw ArithmeticException: boom at step 7");
        assertStatus(r, EnvChecker.SPACES, Status.PASS);
        assertStatus(r, EnvChecker.STEP_AFTER_END, Status.SKIP);
    }

    @Test
    void angleComponentsAreCheckedThroughObserve() {
        CheckReport r = EnvChecker.check(() -> new TimeLimit<>(new ToyRotor(), 50), ToyRotor.RULES, SEED, STEPS);
        assertAllPass(r);
        String d = r.check(EnvChecker.RULES_STATE_FROM_OBS).orElseThrow().detail();
        assertTrue(d.contains("components [0] differ"), d);
        assertTrue(r.check(EnvChecker.STEP).orElseThrow().detail().contains("0 terminated, 4 truncated"));
    }

    @Test
    void discreteEnvPasses() {
        CheckReport r = EnvChecker.check(() -> new TimeLimit<>(new ToyCorridor(), 40), ToyCorridor.RULES, SEED, STEPS);
        assertAllPass(r);
        String d = r.check(EnvChecker.BAD_ACTIONS).orElseThrow().detail();
        assertTrue(d.contains("rejected 3 bad actions (-1, n = 3, wrong type float[] {0.0})"), d);
    }

    @Test
    void sloppyEnvFailsOrderAndActionChecks() {
        CheckReport r = EnvChecker.check(ToySloppyEnv::new, null, SEED, STEPS);
        assertFails(r, EnvChecker.STEP_BEFORE_RESET, "was accepted");
        assertFails(r, EnvChecker.BAD_ACTIONS, "wrong length float[2] was accepted", "NaN [NaN] was accepted",
                "+inf [Infinity] was accepted", "wrong type Integer 0 threw ClassCastException");
        assertFails(r, EnvChecker.STEP_AFTER_END, "(terminated at step 5 (episode 1, step 5)) was accepted");
        assertStatus(r, EnvChecker.STEP, Status.PASS);
        assertStatus(r, EnvChecker.DETERMINISM_INSTANCES, Status.PASS);
        assertStatus(r, EnvChecker.RULES_REWARD, Status.SKIP);

    }

    @Test
    void reseedingResetNullWarns() {
        Supplier<Env<?>> f = () -> new ReseedOnNull<>(new TimeLimit<>(new ToyPointMass(), 30), 7L);
        CheckReport r = EnvChecker.check(f, null, 7, STEPS);
        assertStatus(r, EnvChecker.DETERMINISM_RESET_NULL, Status.WARN);
        assertTrue(r.check(EnvChecker.DETERMINISM_RESET_NULL).orElseThrow().detail()
                .contains("re-seeds instead of continuing"));
        assertTrue(r.passed(), r::toText);
        assertEquals(1, r.warnings());
    }

    @Test
    void fixedStartStateIsNotAResetNullWarning() {
        Supplier<Env<?>> f = () -> new TimeLimit<>(new ToyPointMass() {
            @Override
            protected float[] doReset(Rng rng) {
                setState(new double[] {0.25, 0});
                return observe();
            }
        }, 30);
        CheckReport r = EnvChecker.check(f, null, SEED, STEPS);
        assertStatus(r, EnvChecker.DETERMINISM_RESET_NULL, Status.PASS);
        assertTrue(r.check(EnvChecker.DETERMINISM_RESET_NULL).orElseThrow().detail().startsWith("not applicable"));
    }

    @Test
    void noEpisodeEndLeavesStepAfterEndUnexercised() {
        CheckReport r = EnvChecker.check(ToyPointMass::new, null, SEED, 2);
        assertStatus(r, EnvChecker.STEP_AFTER_END, Status.WARN);
        assertTrue(r.check(EnvChecker.STEP_AFTER_END).orElseThrow().detail().startsWith("not exercised"));
        assertTrue(r.passed());
    }

    @Test
    void brokenFactoriesAreReported() {
        CheckReport threw = EnvChecker.check(() -> {
            throw new IllegalStateException("no such env");
        }, null, SEED, STEPS);
        assertFails(threw, EnvChecker.MAKE, "the factory threw IllegalStateException: no such env");
        CheckReport nul = EnvChecker.check(() -> null, null, SEED, STEPS);
        assertFails(nul, EnvChecker.MAKE, "returned null");

        ToyPointMass shared = new ToyPointMass();
        CheckReport same = EnvChecker.check(() -> shared, null, SEED, STEPS);
        assertFails(same, EnvChecker.DETERMINISM_INSTANCES, "same instance");
    }

    @Test
    void failingSpacesSkipTheRest() {
        Supplier<Env<?>> f = () -> new Wrapper<float[], float[]>(new ToyPointMass()) {
            @Override
            public Space<float[]> actionSpace() {
                throw new UnsupportedOperationException("no action space today");
            }

            @Override
            protected StepResult doStep(float[] action) {
                return env.step(action);
            }
        };
        CheckReport r = EnvChecker.check(f, null, SEED, STEPS);
        assertFails(r, EnvChecker.SPACES, "actionSpace() threw UnsupportedOperationException: no action space today");
        assertStatus(r, EnvChecker.RESET, Status.SKIP);
        assertEquals(EnvChecker.CHECK_NAMES.size(), r.checks().size());
    }

    @Test
    void fatalErrorsEscape() {
        Supplier<Env<?>> f = () -> new ToyPointMass() {
            @Override
            protected StepResult doStep(float[] action) {
                throw new OutOfMemoryError("test");
            }
        };
        assertThrows(OutOfMemoryError.class, () -> EnvChecker.check(f, null, SEED, STEPS));
    }

    @Test
    void jsonMapHasTheDocumentedShape() {
        CheckReport r = checkPointMass(Bug.NAN_REWARD);
        Map<String, Object> m = r.toJsonMap();
        assertEquals(List.of("env", "checks", "warnings", "failures", "pass"), List.copyOf(m.keySet()));
        assertEquals(ToyPointMass.ID, m.get("env"));
        assertEquals(false, m.get("pass"));
        assertEquals(r.failures(), m.get("failures"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) m.get("checks");
        assertEquals(EnvChecker.CHECK_NAMES.size(), checks.size());
        assertEquals(Map.of("name", "spaces", "status", "PASS", "detail", checks.get(0).get("detail")), checks.get(0));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> EnvChecker.check(new ToyPointMass(), SEED, 0));
        assertThrows(NullPointerException.class, () -> EnvChecker.check((Env<?>) null, SEED, 1));
    }
}
