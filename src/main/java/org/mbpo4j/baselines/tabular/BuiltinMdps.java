package org.mbpo4j.baselines.tabular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * The built-in MDPs, by name: {@code frozenlake4x4}, {@code frozenlake4x4-slippery},
 * {@code frozenlake8x8}, {@code frozenlake8x8-slippery} ({@link FrozenLake}), {@code nchain5}
 * ({@link NChain}: 5 states, slip 0.2, rewards 2 and 10) and {@code riverswim6}
 * ({@link RiverSwim}: 6 states). Names are matched ignoring case and any character other than
 * a letter or digit, so {@code NChain-5} and {@code FrozenLake_4x4_Slippery} work too. Every
 * built-in takes its discount as a parameter, {@value #DEFAULT_GAMMA} by default.
 */
public final class BuiltinMdps {
    /** The discount of a built-in when none is given. */
    public static final double DEFAULT_GAMMA = 0.9;

    private static final Map<String, DoubleFunction<TabularMdp>> BUILTINS = new LinkedHashMap<>();

    static {
        BUILTINS.put("frozenlake4x4", g -> FrozenLake.of("frozenlake4x4", FrozenLake.MAP_4X4, false, g));
        BUILTINS.put("frozenlake4x4-slippery", g -> FrozenLake.of("frozenlake4x4-slippery", FrozenLake.MAP_4X4,
                true, g));
        BUILTINS.put("frozenlake8x8", g -> FrozenLake.of("frozenlake8x8", FrozenLake.MAP_8X8, false, g));
        BUILTINS.put("frozenlake8x8-slippery", g -> FrozenLake.of("frozenlake8x8-slippery", FrozenLake.MAP_8X8,
                true, g));
        BUILTINS.put("nchain5", g -> NChain.of("nchain5", 5, 0.2, 2, 10, g));
        BUILTINS.put("riverswim6", g -> RiverSwim.of("riverswim6", 6, g));
    }

    private BuiltinMdps() {
    }

    /** The built-in names, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(BUILTINS.keySet());
    }

    /** The built-in called {@code name} (loosely matched, see above) with discount {@code gamma}. */
    public static Optional<TabularMdp> find(String name, double gamma) {
        String key = normalise(name);
        for (Map.Entry<String, DoubleFunction<TabularMdp>> e : BUILTINS.entrySet()) {
            if (normalise(e.getKey()).equals(key)) {
                return Optional.of(e.getValue().apply(gamma));
            }
        }
        return Optional.empty();
    }

    /**
     * The built-in called {@code name} with discount {@code gamma}.
     *
     * @throws InvalidMdpException naming the built-ins if there is none of that name
     */
    public static TabularMdp get(String name, double gamma) {
        return find(name, gamma).orElseThrow(() -> new InvalidMdpException("unknown MDP '" + name
                + "'; built-ins: " + String.join(", ", names())));
    }

    private static String normalise(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
