package org.mbpo4j.baselines.tabular;

import java.util.ArrayList;
import java.util.List;

/**
 * FrozenLake as in Gymnasium's {@code FrozenLake-v1}: a square grid map of {@code S} (start),
 * {@code F} (frozen), {@code H} (hole) and {@code G} (goal); state {@code row * n + col};
 * actions 0 left, 1 down, 2 right, 3 up; moves into a wall leave the agent in place. On slippery
 * ice the intended direction and its two perpendicular neighbours happen with probability 1/3
 * each; otherwise moves are deterministic. Reward 1 on entering {@code G}, 0 otherwise;
 * {@code G} and {@code H} are terminal (absorbing, value 0); the episode starts at {@code S}.
 */
public final class FrozenLake {
    /** Gymnasium's 4x4 map. */
    public static final List<String> MAP_4X4 = List.of("SFFF", "FHFH", "FFFH", "HFFG");
    /** Gymnasium's 8x8 map. */
    public static final List<String> MAP_8X8 = List.of("SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF",
            "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG");
    private static final int[] ROW_STEP = {0, 1, 0, -1};
    private static final int[] COL_STEP = {-1, 0, 1, 0};

    private FrozenLake() {
    }

    /**
     * The MDP of a map (rows of equal length over {@code SFHG}, exactly one {@code S}).
     *
     * @throws InvalidMdpException if the map is malformed
     */
    public static TabularMdp of(String name, List<String> map, boolean slippery, double gamma) {
        int rows = map.size();
        if (rows == 0) {
            throw new InvalidMdpException("FrozenLake map is empty");
        }
        int cols = map.get(0).length();
        int startState = -1;
        List<Integer> terminal = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String line = map.get(r);
            if (line.length() != cols) {
                throw new InvalidMdpException("FrozenLake map row " + r + " has " + line.length() + " cells, expected "
                        + cols);
            }
            for (int c = 0; c < cols; c++) {
                char ch = line.charAt(c);
                if ("SFHG".indexOf(ch) < 0) {
                    throw new InvalidMdpException("FrozenLake map cell (" + r + ", " + c + ") is '" + ch
                            + "', must be one of S, F, H, G");
                }
                if (ch == 'S') {
                    if (startState >= 0) {
                        throw new InvalidMdpException("FrozenLake map has more than one S");
                    }
                    startState = r * cols + c;
                }
                if (ch == 'H' || ch == 'G') {
                    terminal.add(r * cols + c);
                }
            }
        }
        if (startState < 0) {
            throw new InvalidMdpException("FrozenLake map has no S");
        }
        int n = rows * cols;
        double[][][] p = new double[n][4][n];
        double[][][] reward = new double[n][4][n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int s = r * cols + c;
                char ch = map.get(r).charAt(c);
                for (int a = 0; a < 4; a++) {
                    if (ch == 'H' || ch == 'G') {
                        p[s][a][s] = 1; // absorbing
                        continue;
                    }
                    int[] dirs = slippery ? new int[] {(a + 3) % 4, a, (a + 1) % 4} : new int[] {a};
                    for (int d : dirs) {
                        int nr = Math.min(Math.max(r + ROW_STEP[d], 0), rows - 1);
                        int nc = Math.min(Math.max(c + COL_STEP[d], 0), cols - 1);
                        int s2 = nr * cols + nc;
                        p[s][a][s2] += 1.0 / dirs.length;
                        if (map.get(nr).charAt(nc) == 'G') {
                            reward[s][a][s2] = 1;
                        }
                    }
                }
            }
        }
        return TabularMdp.builder().name(name).states(n).actions(4).gamma(gamma).transitions(p)
                .transitionRewards(reward).startAt(startState)
                .terminal(terminal.stream().mapToInt(Integer::intValue).toArray()).build();
    }
}
