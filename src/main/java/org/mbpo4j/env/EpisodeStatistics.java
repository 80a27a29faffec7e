package org.mbpo4j.env;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Records each episode's return and length (Gymnasium's {@code RecordEpisodeStatistics}).
 * On the step that ends an episode, the info map gains {@code "episode"} with an
 * {@link Episode}. The last {@code window} episodes are kept.
 *
 * @param <A> the action type
 */
public final class EpisodeStatistics<A> extends Wrapper<A, A> {

    /** One finished episode. */
    public record Episode(double episodeReturn, int length, boolean terminated) {
    }

    /** The info key under which the step that ends an episode carries its {@link Episode}. */
    public static final String INFO_KEY = "episode";

    private final int window;
    private final Deque<Episode> recent = new ArrayDeque<>();
    private double currentReturn;
    private int currentLength;
    private long episodes;

    public EpisodeStatistics(Env<A> env) {
        this(env, 100);
    }

    public EpisodeStatistics(Env<A> env, int window) {
        super(env);
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.window = window;
    }

    @Override
    public Space<A> actionSpace() {
        return env.actionSpace();
    }

    @Override
    public ResetResult reset(Long seed) {
        currentReturn = 0;
        currentLength = 0;
        return env.reset(seed);
    }

    @Override
    protected StepResult doStep(A action) {
        StepResult r = env.step(action);
        currentReturn += r.reward();
        currentLength++;
        if (r.done()) {
            Episode e = new Episode(currentReturn, currentLength, r.terminated());
            if (recent.size() == window) {
                recent.removeFirst();
            }
            recent.addLast(e);
            episodes++;
            Map<String, Object> info = new HashMap<>(r.info());
            info.put(INFO_KEY, e);
            return r.with(r.truncated(), info);
        }
        return r;
    }

    /** Return so far of the episode in progress. */
    public double currentReturn() {
        return currentReturn;
    }

    /** Steps so far of the episode in progress. */
    public int currentLength() {
        return currentLength;
    }

    /** Restores the progress of an episode (when a run resumes in its middle). */
    public void restoreProgress(double episodeReturn, int length, long finishedEpisodes) {
        this.currentReturn = episodeReturn;
        this.currentLength = length;
        this.episodes = finishedEpisodes;
    }

    /** Episodes finished since construction. */
    public long episodes() {
        return episodes;
    }

    /** The last finished episode, or null. */
    public Episode last() {
        return recent.peekLast();
    }

    /** Mean return of the kept episodes (NaN when none finished). */
    public double meanReturn() {
        return recent.stream().mapToDouble(Episode::episodeReturn).average().orElse(Double.NaN);
    }
}
