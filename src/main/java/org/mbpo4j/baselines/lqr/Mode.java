package org.mbpo4j.baselines.lqr;

import java.util.Locale;

/** Which data a learner improves its policy on. */
public enum Mode {
    /** Policy gradient on real trajectories only (model-free). */
    REAL,
    /** Policy gradient on trajectories of the least-squares model only (real data fits the model). */
    FAKE,
    /** Policy gradient on a batch with a real_ratio share of real trajectories, the rest from the model. */
    MIXED,
    /** Gauss-Newton steps on the exact cost of the estimated model (Lyapunov), no sampling. */
    EXACT_MODEL;

    /** The command-line name: real, fake, mixed, exact-model. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The mode with this command-line name, else null. */
    public static Mode parse(String s) {
        for (Mode m : values()) {
            if (m.cliName().equals(s)) {
                return m;
            }
        }
        return null;
    }
}
