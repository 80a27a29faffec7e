package org.mbpo4j.baselines.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The policy-gradient estimator is unbiased: its average over many batches matches the exact
 * gradient of the start value, obtained independently by finite differences of exact policy
 * evaluations, on-policy and off-policy (plain importance weights).
 */
class PolicyGradientTest {
    private static final double[][] TARGET = {{0.4, -0.3}, {-0.2, 0.5}};
    private static final int STEPS = 40; // 0.5^40: the cut-off part of a return is negligible
    private static final int BATCHES = 20;
    private static final int EPISODES = 1000;

    private static TabularMdp mdp() {
        return MdpJson.read(java.nio.file.Path.of("src/test/resources/baselines/tabular/two-state.json"));
    }

    /** d J(start) / d theta[s][a] by central differences of exact evaluations. */
    static double[][] exactGradient(TabularMdp mdp, double[][] logits) {
        double h = 1e-6;
        double[][] g = new double[logits.length][logits[0].length];
        for (int s = 0; s < logits.length; s++) {
            for (int a = 0; a < logits[s].length; a++) {
                double[][] plus = copy(logits);
                double[][] minus = copy(logits);
                plus[s][a] += h;
                minus[s][a] -= h;
                g[s][a] = (value(mdp, plus) - value(mdp, minus)) / (2 * h);
            }
        }
        return g;
    }

    private static double value(TabularMdp mdp, double[][] logits) {
        return mdp.startValue(PolicyEvaluation.evaluate(mdp, SoftmaxPolicy.ofLogits(logits).table()));
    }

    @Test
    void onPolicyEstimatesAreUnbiased() {
        checkUnbiased(TARGET, new ImportanceWeights(10, true));
    }

    @Test
    void offPolicyEstimatesWithPlainImportanceWeightsAreUnbiased() {
        checkUnbiased(new double[][] {{0, 0}, {0, 0}}, ImportanceWeights.PLAIN);
    }

    private static void checkUnbiased(double[][] behaviourLogits, ImportanceWeights weighting) {
        TabularMdp mdp = mdp();
        SoftmaxPolicy target = SoftmaxPolicy.ofLogits(TARGET);
        SoftmaxPolicy behaviour = SoftmaxPolicy.ofLogits(behaviourLogits);
        double[][] exact = exactGradient(mdp, TARGET);
        SplittableRandom rng = new SplittableRandom(11);
        double[][] sum = new double[2][2];
        double[][] sumSq = new double[2][2];
        for (int b = 0; b < BATCHES; b++) {
            List<Episode> batch = new ArrayList<>();
            for (int i = 0; i < EPISODES; i++) {
                batch.add(Rollouts.real(mdp, behaviour, STEPS, rng));
            }
            PolicyGradient.Estimate est = PolicyGradient.estimate(batch, target, mdp.gamma(), weighting);
            assertEquals(EPISODES, est.episodes());
            for (int s = 0; s < 2; s++) {
                for (int a = 0; a < 2; a++) {
                    sum[s][a] += est.gradient()[s][a];
                    sumSq[s][a] += est.gradient()[s][a] * est.gradient()[s][a];
                }
            }
        }
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < 2; a++) {
                double mean = sum[s][a] / BATCHES;
                double se = Math.sqrt(Math.max(0, sumSq[s][a] / BATCHES - mean * mean) / (BATCHES - 1));
                assertTrue(Math.abs(mean - exact[s][a]) < 4 * se + 1e-3, "theta[" + s + "][" + a + "]: estimate "
                        + mean + " +- " + se + ", exact " + exact[s][a]);
                assertTrue(se < 0.02 + 0.1 * Math.abs(exact[s][a]), "too noisy to tell: " + se);
            }
        }
    }

    @Test
    void softmaxRowsSumToZeroAndAnEmptyBatchGivesZero() {
        TabularMdp mdp = BuiltinMdps.get("nchain5", 0.9);
        SoftmaxPolicy p = new SoftmaxPolicy(5, 2);
        List<Episode> batch = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 5; i++) {
            batch.add(Rollouts.real(mdp, p, 30, rng));
        }
        PolicyGradient.Estimate est = PolicyGradient.estimate(batch, p, 0.9, ImportanceWeights.PLAIN);
        for (double[] row : est.gradient()) {
            assertEquals(0, row[0] + row[1], 1e-9);
        }
        assertEquals(150, est.steps());
        assertEquals(1.0, est.meanWeight(), 0);
        PolicyGradient.Estimate none = PolicyGradient.estimate(List.of(), p, 0.9, ImportanceWeights.PLAIN);
        assertEquals(0, none.gradient()[3][1]);
    }

    @Test
    void theBaselineLeavesTheEpisodeItselfOut() {
        // Two one-step episodes from state 0 with returns 1 and 3: each gets the other's return.
        Episode.Recorder ra = Episode.start(0, true);
        ra.step(0, 0.5, 1, 1);
        Episode.Recorder rb = Episode.start(0, true);
        rb.step(1, 0.5, 3, 1);
        double[][] b = PolicyGradient.leaveOneOutBaseline(List.of(ra.finish(true), rb.finish(true)), 0.9, 2);
        assertEquals(3, b[0][0]);
        assertEquals(1, b[1][0]);
        double[][] alone = PolicyGradient.leaveOneOutBaseline(List.of(ra.finish(true)), 0.9, 2);
        assertEquals(0, alone[0][0]);
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}
