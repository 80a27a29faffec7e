package org.mbpo4j.model;

import java.util.ArrayList;
import java.util.List;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.random.Rng;

/**
 * Real transitions gathered from an env with uniformly random actions, kept both as flat
 * {@link Transitions} (to train a model) and as whole {@link Trajectory episodes} (to measure
 * open-loop error). Episodes end at termination or at the env's time limit.
 *
 * @param transitions every step
 * @param episodes    the same steps, one trajectory per episode (a last, unfinished one included)
 */
public record RealData(Transitions transitions, List<Trajectory> episodes) {

    /** {@code steps} random-action steps of {@code env}, reset with seeds {@code seed, seed + 1, ...}. */
    public static RealData random(Env<float[]> env, int steps, long seed, Rng rng) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        Box actions = (Box) env.actionSpace();
        int o = env.observationSpace().size();
        int a = actions.size();
        float[] obs = new float[steps * o];
        float[] act = new float[steps * a];
        float[] rew = new float[steps];
        float[] next = new float[steps * o];
        List<Trajectory> episodes = new ArrayList<>();
        float[] cur = env.reset(seed).obs();
        long episode = 0;
        int begin = 0;
        for (int t = 0; t < steps; t++) {
            float[] u = actions.sample(rng);
            StepResult r = env.step(u);
            System.arraycopy(cur, 0, obs, t * o, o);
            System.arraycopy(u, 0, act, t * a, a);
            rew[t] = (float) r.reward();
            System.arraycopy(r.obs(), 0, next, t * o, o);
            cur = r.obs();
            if (r.done() || t == steps - 1) {
                episodes.add(trajectory(obs, act, next, begin, t + 1, o, a));
                begin = t + 1;
                if (r.done() && t < steps - 1) {
                    cur = env.reset(seed + ++episode).obs();
                }
            }
        }
        return new RealData(new Transitions(obs, act, rew, next, steps, o, a), episodes);
    }

    private static Trajectory trajectory(float[] obs, float[] act, float[] next, int from, int to, int o, int a) {
        int n = to - from;
        float[] to2 = new float[(n + 1) * o];
        System.arraycopy(obs, from * o, to2, 0, n * o);
        System.arraycopy(next, (to - 1) * o, to2, n * o, o);
        float[] acts = new float[n * a];
        System.arraycopy(act, from * a, acts, 0, n * a);
        return new Trajectory(to2, acts, n, o, a);
    }
}
