package org.mbpo4j.model;

import org.mbpo4j.random.Rng;

/**
 * Test data: x' = A x + B u + N(0, sigma^2 I) with two state dims and one action, states and
 * actions drawn uniformly; the reward is {@code -|x|^2} (exact, no noise).
 */
final class LinearSystem {
    static final double[][] A = {{0.9, 0.2}, {-0.1, 0.8}};
    static final double[] B = {0.5, -0.3};

    static Transitions sample(int n, double sigma, Rng rng) {
        float[] obs = new float[2 * n];
        float[] act = new float[n];
        float[] rew = new float[n];
        float[] next = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double x0 = rng.uniform(-2, 2);
            double x1 = rng.uniform(-2, 2);
            double u = rng.uniform(-1, 1);
            obs[2 * i] = (float) x0;
            obs[2 * i + 1] = (float) x1;
            act[i] = (float) u;
            rew[i] = (float) -(x0 * x0 + x1 * x1);
            next[2 * i] = (float) (A[0][0] * x0 + A[0][1] * x1 + B[0] * u + sigma * rng.nextGaussian());
            next[2 * i + 1] = (float) (A[1][0] * x0 + A[1][1] * x1 + B[1] * u + sigma * rng.nextGaussian());
        }
        return new Transitions(obs, act, rew, next, n, 2, 1);
    }

    /** A small model of the system: {@code members} x 2 hidden layers of 64, learned rewards. */
    static TransitionModel model(int members, int elites, long seed) {
        return model(members, elites, seed, true);
    }

    static TransitionModel model(int members, int elites, long seed, boolean learnedRewards) {
        int out = learnedRewards ? 3 : 2;
        GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(members, 3, out, 64, 2,
                new double[] {2.5e-5, 5e-5, 1e-4}, true, 1e-3);
        return new TransitionModel(new GaussianEnsemble(spec, new Rng(seed)), 2, 1, learnedRewards, new int[0],
                elites);
    }

    private LinearSystem() {
    }
}
