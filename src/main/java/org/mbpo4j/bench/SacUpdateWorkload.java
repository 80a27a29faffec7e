package org.mbpo4j.bench;

import org.mbpo4j.agent.Transition;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;
import org.mbpo4j.sac.SacAgent;
import org.mbpo4j.sac.SacOptions;

/**
 * {@code sac-update}: one full SAC update ({@link SacAgent#update()}: temperature, twin critics
 * with targets, actor, Polyak averaging) on a batch sampled from the agent's replay buffer, as
 * the PyTorch peer ({@code shared/peer/torch_bench.py}, W3) times it with obs 11, act 3, hidden
 * [256, 256], ReLU, batch 256. The agent is built with {@link SacOptions#defaults()} except that
 * learning never starts on its own (so {@code observe} only stores) and the buffer holds exactly
 * the transitions put in (10,000 random ones in the standard workload), so that its memory does
 * not count against the benchmark.
 */
public final class SacUpdateWorkload implements Workload {
    /** Observation dimensions of the standard workload. */
    public static final int OBS = 11;
    /** Action dimensions of the standard workload. */
    public static final int ACT = 3;
    /** Random transitions put into the buffer before timing. */
    public static final int FILL = 10_000;

    private final SacAgent agent;

    /** The standard workload: obs 11, act 3, SAC's defaults, 10,000 transitions. */
    public static SacUpdateWorkload standard(Kernels k, Rng rng) {
        return new SacUpdateWorkload(OBS, ACT, SacOptions.defaults(), FILL, k, rng);
    }

    /**
     * @param base the agent's settings; {@code learning_starts} and {@code buffer_size} are
     *             replaced (never learn on observe; a buffer of {@code fill})
     */
    public SacUpdateWorkload(int obsDim, int actDim, SacOptions base, int fill, Kernels k, Rng rng) {
        if (fill < 1) {
            throw new IllegalArgumentException("fill must be >= 1, got " + fill);
        }
        SacOptions cfg = base.toBuilder().bufferSize(fill).learningStarts(1_000_000_000L)
                .prioritization(SacOptions.Prioritization.off()).build();
        this.agent = new SacAgent(obsDim, actDim, cfg, k, rng.child("agent"));
        Rng data = rng.child("data");
        for (int i = 0; i < fill; i++) {
            float[] obs = new float[obsDim];
            float[] next = new float[obsDim];
            float[] act = new float[actDim];
            for (int j = 0; j < obsDim; j++) {
                obs[j] = (float) data.nextGaussian();
                next[j] = (float) data.nextGaussian();
            }
            for (int j = 0; j < actDim; j++) {
                act[j] = (float) data.uniform(-1, 1);
            }
            boolean terminated = data.nextDouble() < 0.05;
            agent.observe(new Transition<>(obs, act, data.nextGaussian(), next, terminated, false));
        }
    }

    @Override
    public String name() {
        return "sac-update";
    }

    @Override
    public void run() {
        agent.update();
    }

    /** Updates done so far. */
    public long updates() {
        return agent.updates();
    }
}
