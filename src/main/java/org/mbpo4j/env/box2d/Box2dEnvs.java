package org.mbpo4j.env.box2d;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mbpo4j.policy.Policy;
import org.mbpo4j.env.EnvSpec;

/** The Box2D envs' registry entries and Gymnasium's heuristic controller for each of them. */
public final class Box2dEnvs {

    private Box2dEnvs() {
    }

    /** The specs registered by {@link org.mbpo4j.env.Envs}. */
    public static List<EnvSpec> specs() {
        List<EnvSpec> out = new ArrayList<>();
        out.add(new EnvSpec(LunarLander.ID, LunarLander::discrete, LunarLander.TIME_LIMIT,
                LunarLander.REWARD_THRESHOLD, LanderRules.DISCRETE, LunarLander.ID,
                "land a lander on the pad (Box2D; nothing/left/main/right engine)"));
        out.add(new EnvSpec(LunarLander.CONTINUOUS_ID, LunarLander::continuous, LunarLander.TIME_LIMIT,
                LunarLander.REWARD_THRESHOLD, LanderRules.CONTINUOUS, LunarLander.CONTINUOUS_ID,
                "land a lander on the pad (Box2D; main and lateral throttle in [-1, 1])"));
        out.add(new EnvSpec(BipedalWalker.ID, BipedalWalker::new, 1600, 300, null, BipedalWalker.ID,
                "Box2D BipedalWalker: 4 motors walk 200 terrain steps (no TaskRules: the reward needs hull x,"
                        + " termination hull contact, neither observed)"));
        out.add(new EnvSpec(BipedalWalker.HARDCORE_ID, () -> new BipedalWalker(true), 2000, 300, null,
                BipedalWalker.HARDCORE_ID, "Box2D BipedalWalker with stumps, stairs and pits (no TaskRules, as the"
                        + " normal walker)"));
        return out;
    }

    /**
     * Gymnasium's heuristic controller for {@code envId}, or empty if the env has none. The
     * policy is stateful where Gymnasium's is (the walker's gait phase), so make one per episode
     * stream and do not share it between envs.
     */
    public static Optional<Policy<?>> heuristic(String envId) {
        if (LunarLander.ID.equals(envId)) {
            return Optional.of(LanderHeuristic.discrete());
        }
        if (LunarLander.CONTINUOUS_ID.equals(envId)) {
            return Optional.of(LanderHeuristic.continuous());
        }
        if (BipedalWalker.ID.equals(envId) || BipedalWalker.HARDCORE_ID.equals(envId)) {
            return Optional.of(new WalkerHeuristic());
        }
        return Optional.empty();
    }
}
