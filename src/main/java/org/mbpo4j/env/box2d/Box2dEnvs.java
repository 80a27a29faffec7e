package org.mbpo4j.env.box2d;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mbpo4j.agent.Policy;
import org.mbpo4j.env.EnvSpec;

/** The Box2D envs' registry entries and Gymnasium's heuristic controller for each of them. */
public final class Box2dEnvs {

    private Box2dEnvs() {
    }

    /** The specs registered by {@link org.mbpo4j.env.Envs}. */
    public static List<EnvSpec> specs() {
        List<EnvSpec> out = new ArrayList<>();
        // Each env adds its spec(s) here.
        out.add(new EnvSpec(BipedalWalker.ID, BipedalWalker::new, 1600, 300, null, BipedalWalker.ID,
                "Box2D BipedalWalker: 4 motors walk 200 terrain steps (no TaskRules: the reward needs hull x,"
                        + " termination hull contact, neither observed)"));
        return out;
    }

    /**
     * Gymnasium's heuristic controller for {@code envId}, or empty if the env has none. The
     * policy is stateful where Gymnasium's is (the walker's gait phase), so make one per episode
     * stream and do not share it between envs.
     */
    public static Optional<Policy<?>> heuristic(String envId) {
        // Each env adds its heuristic here.
        if (BipedalWalker.ID.equals(envId) || BipedalWalker.HARDCORE_ID.equals(envId)) {
            return Optional.of(new WalkerHeuristic());
        }
        return Optional.empty();
    }
}
