package org.mbpo4j.env;

import java.util.Arrays;

/** How {@link EnvChecker}'s report lines write vectors, actions, shapes and places. */
final class CheckText {
    /** Values of a vector written out before it is shortened. */
    private static final int MAX_SHOWN = 8;

    private CheckText() {
    }

    /** {@code v} as {@link Arrays#toString}, the first 8 values of a longer one. */
    static String vec(float[] v) {
        return v == null ? "null" : shortened(Arrays.toString(Arrays.copyOf(v, Math.min(v.length, MAX_SHOWN))),
                v.length);
    }

    /** {@code v} as {@link Arrays#toString}, the first 8 values of a longer one. */
    static String vec(double[] v) {
        return v == null ? "null" : shortened(Arrays.toString(Arrays.copyOf(v, Math.min(v.length, MAX_SHOWN))),
                v.length);
    }

    private static String shortened(String shown, int length) {
        return length <= MAX_SHOWN ? shown : shown.replace("]", ", ... (" + length + " values)]");
    }

    /** A float[] action as a vector, any other action as {@link String#valueOf}. */
    static String formatAction(Object a) {
        return a instanceof float[] f ? vec(f) : String.valueOf(a);
    }

    /** A step of the stepping check: {@code step 7 (episode 2, step 3)}. */
    static String where(int step, int episode, int episodeStep) {
        return "step " + step + " (episode " + episode + ", step " + episodeStep + ")";
    }

    /** The box's shape as a Python tuple: {@code (2,)}, {@code (2,3)}. */
    static String shape(Box b) {
        int[] s = b.shape();
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(s[i]).append(s.length == 1 || i < s.length - 1 ? "," : "");
        }
        return sb.append(')').toString();
    }
}
