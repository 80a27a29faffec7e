package org.mbpo4j.env.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EnvSpec;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StatefulEnv;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TaskRules;

/**
 * One source of truth: the batched rules, applied to many recorded transitions at once,
 * reproduce every reward and terminal flag the env returned; and states recovered from
 * observations are the true states up to float32 rounding.
 */
class TaskRulesTest {

    /** The classic tasks (one action component each); other packages' envs are checked in their own tests. */
    static List<String> ids() {
        return ClassicControl.specs().stream().map(EnvSpec::id).toList();
    }

    @ParameterizedTest
    @MethodSource("ids")
    @SuppressWarnings("unchecked")
    void batchedRulesReproduceTheEnv(String id) {
        EnvSpec spec = Envs.spec(id);
        TaskRules rules = spec.rules();
        Env<Object> env = (Env<Object>) Envs.make(id);
        StatefulEnv st = env.find(StatefulEnv.class).orElseThrow();
        env.actionSpace().seed(3);
        env.reset(3L);
        int n = 600;
        int sd = rules.stateDim();
        double[] s0 = new double[n * sd];
        double[] s1 = new double[n * sd];
        double[] act = new double[n];
        double[] obs = new double[n * rules.obsDim()];
        double[] rewards = new double[n];
        boolean[] flags = new boolean[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(st.getState(), 0, s0, i * sd, sd);
            Object a = env.actionSpace().sample();
            if (a instanceof float[] f) {
                // exercise out-of-range actions too: rules must clip where Gymnasium clips
                f[0] *= 1.5f;
                act[i] = f[0];
            } else {
                act[i] = (Integer) a;
            }
            StepResult r = env.step(a);
            System.arraycopy(st.getState(), 0, s1, i * sd, sd);
            for (int k = 0; k < r.obs().length; k++) {
                obs[i * rules.obsDim() + k] = r.obs()[k];
            }
            rewards[i] = r.reward();
            flags[i] = r.terminated();
            if (r.done()) {
                env.reset(null);
            }
        }
        boolean[] term = new boolean[n];
        double[] rew = new double[n];
        rules.terminated(s1, n, term);
        rules.reward(s0, act, s1, term, n, rew);
        double[] recovered = new double[n * sd];
        rules.stateFromObs(obs, n, recovered);
        for (int i = 0; i < n; i++) {
            assertEquals(flags[i], term[i], id + " terminal flag at " + i);
            assertEquals(rewards[i], rew[i], 0.0, id + " reward at " + i);
            for (int k = 0; k < sd; k++) {
                double want = s1[i * sd + k];
                double got = recovered[i * sd + k];
                if (rules.obsDim() != sd && k < sd / 2) {
                    // an angle recovered by atan2 equals the true angle modulo 2 pi
                    double d = Math.abs(Math.IEEEremainder(got - want, 2 * Math.PI));
                    assertEquals(0.0, d, 1e-6, id + " angle " + k + " at " + i);
                } else {
                    assertEquals(want, got, Math.ulp((float) want) + 1e-12, id + " state " + k + " at " + i);
                }
            }
        }
        assertEquals(1, rules.actionDim());
    }
}
