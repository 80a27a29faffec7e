package org.mbpo4j.mpc;

import java.util.Arrays;
import org.mbpo4j.env.Box;

/** The box a planner's actions stay in: finite {@code low[j] < high[j]} per action dimension. */
public final class ActionBounds {
    private final float[] low;
    private final float[] high;

    public ActionBounds(float[] low, float[] high) {
        if (low.length == 0 || low.length != high.length) {
            throw new IllegalArgumentException("action bounds need one low and one high per dimension, got "
                    + Arrays.toString(low) + " and " + Arrays.toString(high));
        }
        for (int j = 0; j < low.length; j++) {
            if (!Float.isFinite(low[j]) || !Float.isFinite(high[j]) || !(low[j] < high[j])) {
                throw new IllegalArgumentException("action dimension " + j + ": need finite low < high, got ["
                        + low[j] + ", " + high[j] + "]");
            }
        }
        this.low = low.clone();
        this.high = high.clone();
    }

    /** The bounds of a bounded {@link Box}. */
    public static ActionBounds of(Box box) {
        return new ActionBounds(box.low(), box.high());
    }

    public int dim() {
        return low.length;
    }

    public float low(int j) {
        return low[j];
    }

    public float high(int j) {
        return high[j];
    }

    /** The middle of dimension {@code j}: the action a plan starts from when nothing is known. */
    public float mid(int j) {
        return (float) (0.5 * ((double) low[j] + high[j]));
    }

    /** {@code v} clipped to dimension {@code j}'s bounds. */
    public float clip(double v, int j) {
        return (float) Math.min(Math.max(v, low[j]), high[j]);
    }

    @Override
    public String toString() {
        return "ActionBounds" + Arrays.toString(low) + ".." + Arrays.toString(high);
    }
}
