package org.mbpo4j.sac;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.buffer.Batch;
import org.mbpo4j.buffer.PrioritizedReplay;
import org.mbpo4j.buffer.ReplayBuffer;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Lanes;
import org.mbpo4j.nn.NetworkFile;
import org.mbpo4j.random.Rng;
import org.mbpo4j.io.Json;

/**
 * Soft Actor-Critic (Haarnoja et al. 2018) as an {@link Agent}: acts in [-1, 1]^A (wrap the env
 * in {@link org.mbpo4j.env.RescaleAction}), stores every real transition in its replay buffer,
 * acts uniformly at random for the first {@code learning_starts} steps, then does
 * {@code updates_per_step} updates ({@link SacLearner}) after every step. Evaluation uses the
 * deterministic action tanh(mean).
 *
 * <p>With {@code prioritized_replay} on, the real buffer is a {@link PrioritizedReplay}: batches
 * of real rows are drawn by priority with beta annealed over the updates done so far, the critic
 * loss is importance-weighted, and after each update the drawn rows' priorities become their TD
 * errors {@code |mean_i Q_i - y|}. In mixed updates (MBPO) only the real rows are prioritized;
 * model rows are drawn uniformly with weight 1 and keep no priority. Off (the default), the
 * update path is the uniform one, unchanged.
 */
public final class SacAgent implements Agent<float[]> {
    static final String ACTOR = "actor.net";
    static final String CRITIC = "critic.net";
    static final String TARGET = "critic-target.net";
    static final String BUFFER = "replay.buf";
    static final String PRIORITIES = "replay-priorities.bin";

    private final SacOptions cfg;
    private final Kernels k;
    private final int actDim;
    private ReplayBuffer buffer;
    private final SacOptions.Prioritization perCfg;
    private PrioritizedReplay per;   // null unless prioritized replay is on; then per.buffer() == buffer
    private final int[] perSlots;
    private final float[] perWeights;
    private final Batch batch;
    private final SacLearner learner;
    private final Actor.Pass acting;
    private final float[] oneObs;
    private Rng explore;
    private Rng policyNoise;
    private Rng sampling;
    private long steps;

    public SacAgent(int obsDim, int actDim, SacOptions cfg, Kernels k, Rng rng) {
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
        this.perCfg = cfg.prioritization();
        if (perCfg.enabled()) {
            this.per = new PrioritizedReplay(buffer, perCfg.alpha(), perCfg.eps());
            this.perSlots = new int[cfg.batchSize()];
            this.perWeights = new float[cfg.batchSize()];
        } else {
            this.perSlots = null;
            this.perWeights = null;
        }
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

    /**
     * The deterministic actor's parts, for a policy file: layer sizes (observation, hidden...,
     * 2 x action), the hidden activation, and per layer the {@code in x out} weights (row-major)
     * then the biases. Its deterministic action is {@code tanh} of the first half of the outputs.
     */
    public record ActorSnapshot(int[] sizes, org.mbpo4j.nn.Activation hidden, float[] params) {
        /**
         * This actor as a plain-Java policy for an env with action space {@code actions} (its
         * deterministic action, {@code tanh} of the mean, mapped onto the bounds as
         * {@code RescaleAction} does in training).
         */
        public org.mbpo4j.policy.TrainedPolicy toPolicy(String envId, String envOptionsJson,
                                                        org.mbpo4j.env.Box actions, java.util.Map<String, String> provenance) {
            float[] lo = new float[actions.size()];
            float[] hi = new float[actions.size()];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = (float) actions.low(i);
                hi[i] = (float) actions.high(i);
            }
            return new org.mbpo4j.policy.TrainedPolicy(envId, envOptionsJson, sizes,
                    org.mbpo4j.policy.TrainedPolicy.Activation.valueOf(hidden.name()), params, lo, hi, provenance);
        }
    }

    /** A copy of the actor's current parameters (see {@link ActorSnapshot}). */
    public ActorSnapshot actorSnapshot() {
        org.mbpo4j.nn.EnsembleMlp net = learner.actor.net;
        float[] p = new float[net.memberParamCount()];
        net.copyMember(0, p);
        return new ActorSnapshot(net.sizes(), net.hidden(), p);
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
        if (per == null) {
            buffer.sample(batch, sampling);
            learner.update(batch);
            return;
        }
        per.sample(batch, perSlots, perWeights, beta(), sampling);
        learner.update(batch, perWeights);
        per.updatePriorities(perSlots, learner.tdError, batch.batchSize());
    }

    /** The importance-sampling exponent of the next update (prioritized replay only). */
    private double beta() {
        return PrioritizedReplay.annealedBeta(perCfg.beta(), perCfg.betaStepsOrZero(), updates());
    }

    /** Stores a real transition and counts the step, without updating (MBPO updates on its own schedule). */
    public void store(Transition<float[]> t) {
        if (per == null) {
            buffer.add(t.obs(), t.action(), t.reward(), t.nextObs(), t.terminated(), t.truncated());
        } else {
            per.add(t.obs(), t.action(), t.reward(), t.nextObs(), t.terminated(), t.truncated());
        }
        steps++;
    }

    /**
     * One SAC update on a batch mixing this agent's (real) buffer with {@code other} (model
     * data): with {@code coin} the whole batch is real with probability {@code realFraction},
     * else every batch holds {@code round(realFraction * batch)} real rows. An empty
     * {@code other} gives an all-real batch. With prioritized replay the real rows are drawn by
     * priority and importance-weighted and only their priorities are updated; model rows have
     * weight 1.
     */
    public void updateMixed(ReplayBuffer other, double realFraction, boolean coin) {
        if (per != null) {
            updateMixedPrioritized(other, realFraction, coin);
            return;
        }
        if (other.isEmpty() || realFraction >= 1.0) {
            buffer.sample(batch, sampling);
        } else if (coin) {
            (sampling.nextDouble() < realFraction ? buffer : other).sample(batch, sampling);
        } else {
            buffer.sampleMixed(batch, other, realFraction, sampling);
        }
        learner.update(batch);
    }

    private void updateMixedPrioritized(ReplayBuffer other, double realFraction, boolean coin) {
        double beta = beta();
        int real;
        if (other.isEmpty() || realFraction >= 1.0 || coin && sampling.nextDouble() < realFraction) {
            per.sample(batch, perSlots, perWeights, beta, sampling);
            real = batch.batchSize();
        } else if (coin) {
            other.sample(batch, sampling);
            Arrays.fill(perWeights, 1f);
            real = 0;
        } else {
            real = per.sampleMixed(batch, other, realFraction, perSlots, perWeights, beta, sampling);
        }
        learner.update(batch, perWeights);
        per.updatePriorities(perSlots, learner.tdError, real);
    }

    /** The batch of the last update (live; for tests). */
    Batch lastBatch() {
        return batch;
    }

    /**
     * The replay buffer of real transitions (live). Read it freely; add rows through
     * {@link #store} (with prioritized replay, a row added to it directly makes the next update
     * fail rather than sample stale priorities).
     */
    public ReplayBuffer buffer() {
        return buffer;
    }

    /** The prioritized replay over {@link #buffer()}, or null when replay is uniform (live; for tests). */
    PrioritizedReplay prioritizedReplay() {
        return per;
    }

    /** The slots drawn by the last prioritized update (live; for tests). */
    int[] lastSlots() {
        return perSlots;
    }

    /** The importance weights of the last prioritized update (live; for tests). */
    float[] lastWeights() {
        return perWeights;
    }

    /** The TD errors of the last prioritized update (live; for tests). */
    float[] lastTdErrors() {
        return learner.tdError;
    }

    /** Real steps stored so far. */
    public long steps() {
        return steps;
    }

    private Actor.Pass[] rolloutPasses;
    private float[][] rolloutObs;

    /**
     * Samples actions a ~ pi(.|obs) (in [-1, 1]) for {@code n} observation rows, {@code chunk}
     * rows per forward pass (buffers made once per chunk size): the policy of model rollouts.
     * Chunks go two at a time, one per lane where there are two, their noise drawn in chunk
     * order first: the actions are the same on any number of cores.
     */
    public void sampleActions(float[] obs, int n, float[] actions, int chunk) {
        int obsDim = oneObs.length;
        if (rolloutPasses == null || rolloutPasses[0].rows != chunk) {
            rolloutPasses = new Actor.Pass[] {learner.actor.new Pass(chunk), learner.actor.new Pass(chunk)};
            rolloutObs = new float[2][chunk * obsDim];
        }
        for (int at = 0; at < n; at += 2 * chunk) {
            int s = at;
            int first = Math.min(chunk, n - s);
            int second = Math.min(chunk, n - s - first);
            rolloutPasses[0].drawNoise(policyNoise, false);
            if (second > 0) {
                rolloutPasses[1].drawNoise(policyNoise, false);
                Lanes.both(k.lanes(), () -> sampleChunk(0, obs, s, first, actions),
                        () -> sampleChunk(1, obs, s + first, second, actions));
            } else {
                sampleChunk(0, obs, s, first, actions);
            }
        }
    }

    /** Pass {@code p}'s actions for {@code rows} observation rows from row {@code from}, its noise drawn. */
    private void sampleChunk(int p, float[] obs, int from, int rows, float[] actions) {
        int obsDim = oneObs.length;
        System.arraycopy(obs, from * obsDim, rolloutObs[p], 0, rows * obsDim);
        rolloutPasses[p].squash(rolloutObs[p], false, k);
        System.arraycopy(rolloutPasses[p].action, 0, actions, from * actDim, rows * actDim);
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
        m.put("q_mean", learner.qMean);
        m.put("q_target_mean", learner.qTargetMean);
        m.put("q_pi_mean", learner.qPiMean);
        if (per != null) {
            m.put("per_beta", beta());
            m.put("per_max_priority", per.maxPriority());
        }
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
        if (per == null) {
            buffer.save(dir.resolve(BUFFER));
        } else {
            per.save(dir.resolve(BUFFER), dir.resolve(PRIORITIES));
        }
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
        if (per != null) {
            PrioritizedReplay restored = PrioritizedReplay.restore(loaded, dir.resolve(PRIORITIES), perCfg.alpha(),
                    perCfg.eps());
            if (restored.capacity() != buffer.capacity()) {
                restored.resize(buffer.capacity());
            }
            per = restored;
            buffer = restored.buffer();
            return;
        }
        if (loaded.capacity() != buffer.capacity()) {
            loaded.resize(buffer.capacity());
        }
        buffer = loaded;
    }
}
