package org.mbpo4j.mpc;

import org.mbpo4j.model.ModelEnv;

/**
 * Scores candidate action sequences by imagined rollouts through a {@link ModelEnv}, with PETS'
 * trajectory sampling ("TS-inf"): every candidate is rolled out by {@code particles} particles
 * from the same start observation, and particle {@code p} of every candidate keeps the elite
 * {@code elites[p mod elites]} for the whole rollout (so all candidates meet the same members,
 * and members are spread evenly over the particles), sampling its next state from that member's
 * Gaussian. A candidate's return is the mean over its particles of the summed rewards: the
 * task's rules' rewards, or the model's when it learns them (whatever the {@code ModelEnv}
 * gives). A particle stops at termination (the reward of the terminating step counts, later ones
 * do not exist) and, likewise, on a non-finite prediction (whose step earns nothing).
 *
 * <p>One imagined step advances every live particle of every candidate at once, {@code
 * population * particles} rows through the model's batched sampling (rows grouped by member),
 * so a plan costs {@code iterations * horizon} batched steps. In the first step a candidate's
 * particles on the same elite have the same input, so the network runs once for them and only
 * their noise differs (with 20 particles over 5 elites, a quarter of the first step's rows;
 * the samples are the same). Finished particles are compacted out of later steps. All buffers
 * are made once, for the largest population; the hot loop allocates nothing. Not thread-safe.
 */
public final class TrajectoryEvaluator implements SequenceEvaluator {
    private final ModelEnv env;
    private final int particles;
    private final int maxPopulation;
    private final int obsDim;
    private final int actDim;
    private final float[] cur;
    private final float[] next;
    private final float[] act;
    private final float[] rew;
    private final boolean[] term;
    private final int[] members;
    private final int[] candidate;
    private final int[] particleMember;
    private final int[] firstSource;
    private final double[] sums;
    private long rowSteps;
    private long modelNanos;

    /**
     * @param particles     rollouts per candidate, >= 1
     * @param maxPopulation the most candidates one call scores
     */
    public TrajectoryEvaluator(ModelEnv env, int particles, int maxPopulation) {
        if (particles < 1 || maxPopulation < 1) {
            throw new IllegalArgumentException("particles and population must be >= 1, got " + particles + " and "
                    + maxPopulation);
        }
        long rows = (long) particles * maxPopulation;
        if (rows > Integer.MAX_VALUE / Math.max(env.model().obsDim(), env.model().actDim())) {
            throw new IllegalArgumentException(particles + " particles x " + maxPopulation + " candidates = " + rows
                    + " rows: too many");
        }
        this.env = env;
        this.particles = particles;
        this.maxPopulation = maxPopulation;
        this.obsDim = env.model().obsDim();
        this.actDim = env.model().actDim();
        int n = (int) rows;
        this.cur = new float[n * obsDim];
        this.next = new float[n * obsDim];
        this.act = new float[n * actDim];
        this.rew = new float[n];
        this.term = new boolean[n];
        this.members = new int[n];
        this.candidate = new int[n];
        this.particleMember = new int[particles];
        this.firstSource = new int[n];
        this.sums = new double[maxPopulation];
    }

    public int particles() {
        return particles;
    }

    /** The member particle {@code p} used in the last call (for tests). */
    int memberOfParticle(int p) {
        return particleMember[p];
    }

    /** Rows stepped through the model so far (one per live particle and step). */
    public long rowSteps() {
        return rowSteps;
    }

    /** Seconds spent in the model's batched steps so far (sampling and the task's rules). */
    public double modelSeconds() {
        return modelNanos * 1e-9;
    }

    @Override
    public void evaluate(float[] obs, float[] sequences, int population, int horizon, double[] returns) {
        if (population < 1 || population > maxPopulation) {
            throw new IllegalArgumentException("population must be in [1, " + maxPopulation + "], got " + population);
        }
        if (horizon < 1 || sequences.length < population * horizon * actDim || obs.length != obsDim
                || returns.length < population) {
            throw new IllegalArgumentException("need an observation of " + obsDim + " values, " + population + " x "
                    + horizon + " x " + actDim + " actions and " + population + " returns; got " + obs.length + ", "
                    + sequences.length + " and " + returns.length);
        }
        int[] elites = env.model().elites();
        for (int p = 0; p < particles; p++) {
            particleMember[p] = elites[p % elites.length];
        }
        int alive = population * particles;
        for (int r = 0; r < alive; r++) {
            System.arraycopy(obs, 0, cur, r * obsDim, obsDim);
            members[r] = particleMember[r % particles];
            candidate[r] = r / particles;
        }
        java.util.Arrays.fill(sums, 0, population, 0.0);
        // First step: a candidate's particles on the same elite share observation and action, so
        // the network runs once for them (row c P + p repeats c P + p mod elites).
        for (int r = 0; r < alive; r++) {
            int p = r % particles;
            firstSource[r] = r - p + p % elites.length;
        }
        for (int t = 0; t < horizon && alive > 0; t++) {
            for (int i = 0; i < alive; i++) {
                System.arraycopy(sequences, (candidate[i] * horizon + t) * actDim, act, i * actDim, actDim);
            }
            long t0 = System.nanoTime();
            env.step(cur, act, alive, members, t == 0 ? firstSource : null, next, rew, term);
            modelNanos += System.nanoTime() - t0;
            rowSteps += alive;
            int keep = 0;
            for (int i = 0; i < alive; i++) {
                if (!Float.isFinite(rew[i]) || !finiteRow(i)) {
                    continue;
                }
                sums[candidate[i]] += rew[i];
                if (term[i]) {
                    continue;
                }
                System.arraycopy(next, i * obsDim, cur, keep * obsDim, obsDim);
                members[keep] = members[i];
                candidate[keep] = candidate[i];
                keep++;
            }
            alive = keep;
        }
        for (int c = 0; c < population; c++) {
            returns[c] = sums[c] / particles;
        }
    }

    private boolean finiteRow(int i) {
        for (int j = i * obsDim; j < (i + 1) * obsDim; j++) {
            if (!Float.isFinite(next[j])) {
                return false;
            }
        }
        return true;
    }
}
