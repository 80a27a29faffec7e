package org.mbpo4j.sac;

import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.util.Map;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.buffer.Batch;
import org.mbpo4j.buffer.ReplayBuffer;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.NetworkFile;
import org.mbpo4j.random.Rng;
import org.mbpo4j.run.Json;
import org.mbpo4j.run.config.SacConfig;

/**
 * Soft Actor-Critic (Haarnoja et al. 2018) as an {@link Agent}: acts in [-1, 1]^A (wrap the env
 * in {@link org.mbpo4j.env.RescaleAction}), stores every real transition in its replay buffer,
 * acts uniformly at random for the first {@code learning_starts} steps, then does
 * {@code updates_per_step} updates ({@link SacLearner}) after every step. Evaluation uses the
 * deterministic action tanh(mean).
 */
public final class SacAgent implements Agent<float[]> {
    static final String ACTOR = "actor.net";
    static final String CRITIC = "critic.net";
    static final String TARGET = "critic-target.net";
    static final String BUFFER = "replay.buf";

    private final SacConfig cfg;
    private final Kernels k;
    private final int actDim;
    private ReplayBuffer buffer;
    private final Batch batch;
    private final SacLearner learner;
    private final Actor.Pass acting;
    private final float[] oneObs;
    private Rng explore;
    private Rng policyNoise;
    private Rng sampling;
    private long steps;

    public SacAgent(int obsDim, int actDim, SacConfig cfg, Kernels k, Rng rng) {
        this.cfg = cfg;
        this.k = k;
        this.actDim = actDim;
        int[] hidden = cfg.hidden().stream().mapToInt(Integer::intValue).toArray();
        Actor actor = new Actor(obsDim, actDim, hidden, cfg.actorLr(), cfg.logStdMin(), cfg.logStdMax(),
                rng.child("actor-init"));
        TwinCritic critic = new TwinCritic(obsDim, actDim, hidden, cfg.criticLr(), rng.child("critic-init"));
        double targetEntropy = cfg.targetEntropy() == null ? -actDim : cfg.targetEntropy();
        this.learner = new SacLearner(actor, critic, cfg.batchSize(), cfg.gamma(), cfg.tau(), targetEntropy,
                cfg.initAlpha(), cfg.learnAlpha(), cfg.alphaLr(), k, rng.child("update-noise"));
        this.buffer = new ReplayBuffer(cfg.bufferSize(), obsDim, actDim);
        this.batch = Batch.allocate(cfg.batchSize(), obsDim, actDim);
        this.acting = actor.new Pass(1);
        this.oneObs = new float[obsDim];
        this.explore = rng.child("explore");
        this.policyNoise = rng.child("policy-noise");
        this.sampling = rng.child("replay-sampling");
    }

    @Override
    public String name() {
        return "sac";
    }

    @Override
    public float[] act(float[] obs, boolean deterministic) {
        if (!deterministic && steps < cfg.learningStarts()) {
            float[] a = new float[actDim];
            for (int j = 0; j < actDim; j++) {
                a[j] = (float) explore.uniform(-1, 1);
            }
            return a;
        }
        System.arraycopy(obs, 0, oneObs, 0, oneObs.length);
        acting.sample(oneObs, policyNoise, deterministic, k);
        return acting.action.clone();
    }

    @Override
    public void observe(Transition<float[]> t) {
        store(t);
        if (steps < cfg.learningStarts()) {
            return;
        }
        for (int u = 0; u < cfg.updatesPerStep(); u++) {
            update();
        }
    }

    /**
     * One SAC update on a batch sampled from the replay buffer (what {@link #observe} does
     * {@code updates_per_step} times per step once learning has started); public for benchmarks.
     *
     * @throws IllegalStateException if the buffer is empty
     */
    public void update() {
        buffer.sample(batch, sampling);
        learner.update(batch);
    }

    /** Stores a real transition and counts the step, without updating (MBPO updates on its own schedule). */
    public void store(Transition<float[]> t) {
        buffer.add(t.obs(), t.action(), t.reward(), t.nextObs(), t.terminated(), t.truncated());
        steps++;
    }

    /**
     * One SAC update on a batch mixing this agent's (real) buffer with {@code other} (model
     * data): with {@code coin} the whole batch is real with probability {@code realFraction},
     * else every batch holds {@code round(realFraction * batch)} real rows. An empty
     * {@code other} gives an all-real batch.
     */
    public void updateMixed(ReplayBuffer other, double realFraction, boolean coin) {
        if (other.isEmpty() || realFraction >= 1.0) {
            buffer.sample(batch, sampling);
        } else if (coin) {
            (sampling.nextDouble() < realFraction ? buffer : other).sample(batch, sampling);
        } else {
            buffer.sampleMixed(batch, other, realFraction, sampling);
        }
        learner.update(batch);
    }

    /** The batch of the last update (live; for tests). */
    Batch lastBatch() {
        return batch;
    }

    /** The replay buffer of real transitions (live). */
    public ReplayBuffer buffer() {
        return buffer;
    }

    /** Real steps stored so far. */
    public long steps() {
        return steps;
    }

    private Actor.Pass rolloutPass;
    private float[] rolloutObs;

    /**
     * Samples actions a ~ pi(.|obs) (in [-1, 1]) for {@code n} observation rows, {@code chunk}
     * rows per forward pass (buffers made once per chunk size): the policy of model rollouts.
     */
    public void sampleActions(float[] obs, int n, float[] actions, int chunk) {
        int obsDim = oneObs.length;
        if (rolloutPass == null || rolloutPass.rows != chunk) {
            rolloutPass = learner.actor.new Pass(chunk);
            rolloutObs = new float[chunk * obsDim];
        }
        for (int s = 0; s < n; s += chunk) {
            int rows = Math.min(chunk, n - s);
            System.arraycopy(obs, s * obsDim, rolloutObs, 0, rows * obsDim);
            rolloutPass.sample(rolloutObs, policyNoise, false, k);
            System.arraycopy(rolloutPass.action, 0, actions, s * actDim, rows * actDim);
        }
    }

    /** Updates done so far. */
    public long updates() {
        return learner.critic.adam.steps();
    }

    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("critic_loss", learner.criticLoss);
        m.put("actor_loss", learner.actorLoss);
        m.put("alpha", learner.alpha());
        m.put("entropy", learner.entropy);
        return m;
    }

    @Override
    public Map<String, Object> checkpointState() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("steps", steps);
        s.put("updates", updates());
        s.put("log_alpha", learner.logAlpha);
        s.put("alpha_adam", learner.alphaOptimizer.state());
        s.put("rng_explore", explore.state());
        s.put("rng_policy_noise", policyNoise.state());
        s.put("rng_replay_sampling", sampling.state());
        s.put("rng_update_noise", learner.rngState());
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        steps = ((Number) state.get("steps")).longValue();
        learner.logAlpha = ((Number) state.get("log_alpha")).doubleValue();
        learner.alphaOptimizer.restore(Json.doubleArray(state.get("alpha_adam")));
        explore = Rng.fromState(Json.longArray(state.get("rng_explore")));
        policyNoise = Rng.fromState(Json.longArray(state.get("rng_policy_noise")));
        sampling = Rng.fromState(Json.longArray(state.get("rng_replay_sampling")));
        learner.restoreRng(Json.longArray(state.get("rng_update_noise")));
    }

    @Override
    public void saveFiles(Path dir) {
        Map<String, String> meta = Map.of("agent", "sac");
        NetworkFile.save(dir.resolve(ACTOR), learner.actor.net, learner.actor.adam, meta);
        NetworkFile.save(dir.resolve(CRITIC), learner.critic.q, learner.critic.adam, meta);
        NetworkFile.save(dir.resolve(TARGET), learner.critic.target, null, meta);
        buffer.save(dir.resolve(BUFFER));
    }

    @Override
    public void loadFiles(Path dir) {
        NetworkFile.loadInto(dir.resolve(ACTOR), learner.actor.net, learner.actor.adam);
        NetworkFile.loadInto(dir.resolve(CRITIC), learner.critic.q, learner.critic.adam);
        NetworkFile.loadInto(dir.resolve(TARGET), learner.critic.target, null);
        ReplayBuffer loaded = ReplayBuffer.load(dir.resolve(BUFFER));
        if (loaded.obsDim() != buffer.obsDim() || loaded.actDim() != buffer.actDim()) {
            throw new IllegalArgumentException(dir.resolve(BUFFER) + ": stores rows of obs " + loaded.obsDim()
                    + " / action " + loaded.actDim() + ", this agent needs " + buffer.obsDim() + " / " + buffer.actDim());
        }
        if (loaded.capacity() != buffer.capacity()) {
            loaded.resize(buffer.capacity());
        }
        buffer = loaded;
    }
}
