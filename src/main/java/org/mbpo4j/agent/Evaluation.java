package org.mbpo4j.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.StepResult;

/**
 * Runs a policy for whole episodes and summarises the returns.
 *
 * @param returns     the return of each episode
 * @param lengths     the length of each episode
 * @param terminated  episodes that ended by termination
 * @param truncated   episodes that ended by truncation (time limit)
 */
public record Evaluation(double[] returns, int[] lengths, int terminated, int truncated) {

    /**
     * Plays {@code episodes} episodes; episode {@code i} is reset with seed {@code seed + i}, so
     * the same seed gives the same starts whatever the policy.
     */
    public static <A> Evaluation run(Env<A> env, Policy<A> policy, int episodes, long seed, boolean deterministic) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        double[] returns = new double[episodes];
        int[] lengths = new int[episodes];
        int term = 0;
        int trunc = 0;
        for (int i = 0; i < episodes; i++) {
            float[] obs = env.reset(seed + i).obs();
            double ret = 0;
            int len = 0;
            while (true) {
                StepResult r = env.step(policy.act(obs, deterministic));
                ret += r.reward();
                len++;
                obs = r.obs();
                if (r.done()) {
                    term += r.terminated() ? 1 : 0;
                    trunc += r.terminated() ? 0 : 1;
                    break;
                }
            }
            returns[i] = ret;
            lengths[i] = len;
        }
        return new Evaluation(returns, lengths, term, trunc);
    }

    public int episodes() {
        return returns.length;
    }

    public double mean() {
        double s = 0;
        for (double r : returns) {
            s += r;
        }
        return s / returns.length;
    }

    /** Population standard deviation (as numpy's default). */
    public double std() {
        double m = mean();
        double s = 0;
        for (double r : returns) {
            s += (r - m) * (r - m);
        }
        return Math.sqrt(s / returns.length);
    }

    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double r : returns) {
            m = Math.min(m, r);
        }
        return m;
    }

    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double r : returns) {
            m = Math.max(m, r);
        }
        return m;
    }

    public double meanLength() {
        double s = 0;
        for (int l : lengths) {
            s += l;
        }
        return s / lengths.length;
    }

    /** The JSON object of {@code ./mbpo eval --json} (without the env and policy keys). */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("episodes", episodes());
        m.put("mean_return", mean());
        m.put("std_return", std());
        m.put("min_return", min());
        List<Double> rs = new ArrayList<>();
        for (double r : returns) {
            rs.add(r);
        }
        List<Integer> ls = new ArrayList<>();
        for (int l : lengths) {
            ls.add(l);
        }
        m.put("returns", rs);
        m.put("lengths", ls);
        m.put("terminated", terminated);
        m.put("truncated", truncated);
        return m;
    }
}
