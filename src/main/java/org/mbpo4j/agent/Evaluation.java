package org.mbpo4j.agent;

import org.mbpo4j.policy.Policy;
import org.mbpo4j.policy.EpisodicPolicy;

import java.util.ArrayList;
import java.util.Arrays;
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
 * @param finalInfos  the info map of each episode's last step (empty maps when not recorded)
 */
public record Evaluation(double[] returns, int[] lengths, int terminated, int truncated,
                         List<Map<String, Object>> finalInfos) {

    /** Info key: an env's final horizontal position (e.g. the walker's hull x), a Number. */
    public static final String FINAL_X = "final_x";
    /** Info key: whether the episode reached the end of the course, a Boolean. */
    public static final String REACHED_END = "reached_end";

    /** Episodes the result arrays hold at first; they double as more are played. */
    private static final int INITIAL_CAPACITY = 1024;

    public Evaluation {
        finalInfos = finalInfos == null ? List.of() : finalInfos;
    }

    /** An evaluation without final infos. */
    public Evaluation(double[] returns, int[] lengths, int terminated, int truncated) {
        this(returns, lengths, terminated, truncated, List.of());
    }

    /**
     * Plays {@code episodes} episodes; episode {@code i} is reset with seed {@code seed + i}, so
     * the same seed gives the same starts whatever the policy. An {@link EpisodicPolicy} is told
     * of each new episode right after its reset.
     */
    public static <A> Evaluation run(Env<A> env, Policy<A> policy, int episodes, long seed, boolean deterministic) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        // Grown as episodes finish, not sized up front: a large request costs memory only as it is played.
        double[] returns = new double[Math.min(episodes, INITIAL_CAPACITY)];
        int[] lengths = new int[returns.length];
        int term = 0;
        int trunc = 0;
        List<Map<String, Object>> infos = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            float[] obs = env.reset(seed + i).obs();
            if (policy instanceof EpisodicPolicy ep) {
                ep.startEpisode();
            }
            double ret = 0;
            int len = 0;
            while (true) {
                StepResult r = env.step(policy.act(obs, deterministic));
                ret += r.reward();
                len++;
                obs = r.obs();
                if (r.done()) {
                    infos.add(r.info());
                    term += r.terminated() ? 1 : 0;
                    trunc += r.terminated() ? 0 : 1;
                    break;
                }
            }
            if (i == returns.length) {
                int grown = (int) Math.min(episodes, 2L * returns.length);
                returns = Arrays.copyOf(returns, grown);
                lengths = Arrays.copyOf(lengths, grown);
            }
            returns[i] = ret;
            lengths[i] = len;
        }
        return new Evaluation(returns, lengths, term, trunc, List.copyOf(infos));
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
        putCourseProgress(m);
        return m;
    }

    /**
     * When episodes' final infos carry {@link #FINAL_X} (a Number) and {@link #REACHED_END} (a
     * Boolean), adds {@code final_x} (one per episode, null where an episode has none) and
     * {@code reached_end} (the count of episodes that reached the end).
     */
    private void putCourseProgress(Map<String, Object> m) {
        boolean any = false;
        List<Double> xs = new ArrayList<>();
        int reached = 0;
        for (Map<String, Object> info : finalInfos) {
            Object x = info.get(FINAL_X);
            Object end = info.get(REACHED_END);
            if (x instanceof Number n && end instanceof Boolean b) {
                any = true;
                xs.add(n.doubleValue());
                reached += b ? 1 : 0;
            } else {
                xs.add(null);
            }
        }
        if (any) {
            m.put(FINAL_X, xs);
            m.put(REACHED_END, reached);
        }
    }
}
