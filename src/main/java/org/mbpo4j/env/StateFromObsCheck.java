package org.mbpo4j.env;

import static org.mbpo4j.env.CheckText.vec;
import static org.mbpo4j.env.Throwables.describe;
import static org.mbpo4j.env.Throwables.rethrowIfFatal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mbpo4j.env.CheckReport.Status;

/**
 * The {@link EnvChecker#RULES_STATE_FROM_OBS} check, run by {@link RulesChecks}:
 * {@link TaskRules#stateFromObs} recovers each recorded state from its obs, within
 * {@link EnvChecker#STATE_TOLERANCE}. A component that differs (such as an unbounded angle seen
 * through cos/sin) is accepted only if observing the recovered state gives the obs back.
 */
final class StateFromObsCheck {
    private final CheckContext ctx;

    StateFromObsCheck(CheckContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        List<Transition> transitions = ctx.transitions();
        int n = transitions.size();
        int sd = ctx.rules().stateDim();
        int od = ctx.rules().obsDim();
        double[] obs = new double[n * od];
        for (int i = 0; i < n; i++) {
            float[] o = transitions.get(i).nextObs();
            for (int j = 0; j < od; j++) {
                obs[i * od + j] = o[j];
            }
        }
        double[] rec = new double[n * sd];
        ctx.rules().stateFromObs(obs, n, rec);
        // components recovered directly (within tolerance on every transition)
        double[] maxDiff = new double[sd];
        boolean[] direct = new boolean[sd];
        Arrays.fill(direct, true);
        for (int i = 0; i < n; i++) {
            double[] s = transitions.get(i).nextState();
            for (int j = 0; j < sd; j++) {
                double r = rec[i * sd + j];
                double diff = Math.abs(r - s[j]);
                if (!(diff <= EnvChecker.STATE_TOLERANCE * Math.max(1, Math.abs(s[j])))) {
                    direct[j] = false;
                }
                maxDiff[j] = Double.isNaN(diff) ? Double.NaN : Math.max(maxDiff[j], diff);
            }
        }
        List<Integer> same = new ArrayList<>();
        List<Integer> differ = new ArrayList<>();
        List<Integer> estimated = new ArrayList<>();
        for (int j = 0; j < sd; j++) {
            if (direct[j]) {
                same.add(j);
            } else if (!ctx.rules().recoversExactly(j)) {
                estimated.add(j);
            } else {
                differ.add(j);
            }
        }
        String estimates = estimated.isEmpty() ? "" : "; components " + estimated + " are, as the rules declare,"
                + " only estimated (clipped or left out of the observation): " + describeEstimates(maxDiff, estimated);
        double worst = 0;
        for (double d : maxDiff) {
            worst = Double.isNaN(d) ? Double.NaN : Math.max(worst, d);
        }
        if (differ.isEmpty() && estimated.isEmpty()) {
            ctx.put(EnvChecker.RULES_STATE_FROM_OBS, Status.PASS, "rules.stateFromObs recovers all " + sd
                    + " state components from " + n + " observations within " + EnvChecker.STATE_TOLERANCE
                    + " (max |diff| " + worst + ")");
            return;
        }
        if (differ.isEmpty()) {
            ctx.put(EnvChecker.RULES_STATE_FROM_OBS, Status.PASS, "rules.stateFromObs recovers state components "
                    + same + " from " + n + " observations within " + EnvChecker.STATE_TOLERANCE + estimates);
            return;
        }
        for (int i = 0; i < n; i++) {
            checkObservedBack(transitions.get(i), Arrays.copyOfRange(rec, i * sd, (i + 1) * sd), differ);
        }
        ctx.put(EnvChecker.RULES_STATE_FROM_OBS, Status.PASS, "rules.stateFromObs recovers state components "
                + same + " within " + EnvChecker.STATE_TOLERANCE + "; components " + differ
                + " differ from the true state (max |diff| " + maxOf(maxDiff, differ) + ", e.g. an angle seen"
                + " through cos/sin), but observe() of each recovered state gives its obs back within "
                + EnvChecker.STATE_TOLERANCE + " (" + n + " observations)" + estimates);
    }

    /** Fails unless observing the state {@code s} recovered from {@code t}'s obs gives that obs back. */
    private void checkObservedBack(Transition t, double[] s, List<Integer> differ) {
        StatefulEnv stateful = ctx.stateful();
        int od = ctx.rules().obsDim();
        float[] o;
        try {
            stateful.setState(s);
            o = stateful.observe();
        } catch (Throwable x) {
            rethrowIfFatal(x);
            throw new CheckFailure("state components " + differ + " differ from the true state, and"
                    + " setState/observe of the recovered state " + vec(s) + " threw " + describe(x));
        }
        String bad = null;
        if (o == null || o.length != od) {
            bad = "observe() gave " + (o == null ? "null" : o.length + " values");
        } else {
            for (int j = 0; j < od; j++) {
                double want = t.nextObs()[j];
                if (!(Math.abs(o[j] - want) <= EnvChecker.STATE_TOLERANCE * Math.max(1, Math.abs(want)))) {
                    bad = "obs[" + j + "] " + want + " became " + o[j];
                    break;
                }
            }
        }
        if (bad != null) {
            throw new CheckFailure("at " + t.where() + " rules.stateFromObs(" + vec(t.nextObs()) + ") gives "
                    + vec(s) + ", but the true state was " + vec(t.nextState()) + " and observing the"
                    + " recovered state does not give the obs back (" + bad + ")");
        }
    }

    /** "off by up to X" over the estimated components, and which of them are left unknown (NaN). */
    private static String describeEstimates(double[] maxDiff, List<Integer> estimated) {
        List<Integer> unknown = new ArrayList<>();
        double m = 0;
        for (int j : estimated) {
            if (Double.isNaN(maxDiff[j])) {
                unknown.add(j);
            } else {
                m = Math.max(m, maxDiff[j]);
            }
        }
        String off = unknown.size() == estimated.size() ? "" : "off by up to " + m;
        String nan = unknown.isEmpty() ? "" : (off.isEmpty() ? "" : ", ") + unknown + " unknown (NaN)";
        return off + nan;
    }

    private static double maxOf(double[] v, List<Integer> idx) {
        double m = 0;
        for (int i : idx) {
            m = Math.max(m, v[i]);
        }
        return m;
    }
}
