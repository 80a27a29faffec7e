package org.mbpo4j.env.synthetic;

import java.util.List;
import org.mbpo4j.env.EnvSpec;

/**
 * The registry entries of the synthetic timing envs. They have no Gymnasium reference
 * trajectories: each spec names its own id as reference id, so {@code ./mbpo check-env ID
 * --reference DIR} reports that no {@code ID.jsonl} exists (the conformance checks without
 * {@code --reference} apply as to every env).
 */
public final class SyntheticEnvs {
    private SyntheticEnvs() {
    }

    /** One spec per env, in the order {@code ./mbpo envs} lists them. */
    public static List<EnvSpec> specs() {
        return List.of(new EnvSpec(HopperSized.ID, HopperSized::new, 1000, Double.NaN, HopperSized.RULES,
                HopperSized.ID, "synthetic timing stand-in with Hopper's sizes, NOT Hopper (stable random linear system)"));
    }
}
