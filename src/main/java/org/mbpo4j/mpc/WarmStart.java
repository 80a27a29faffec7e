package org.mbpo4j.mpc;

/**
 * The previous plan of a {@link Planner}, and the warm start made from it: the plan shifted by
 * one step (the step just executed drops out) with the middle of the action bounds appended as
 * the new last step. Without a previous plan every step is the middle of the bounds.
 */
public final class WarmStart {
    private final int horizon;
    private final ActionBounds bounds;
    private final float[] last;
    private boolean has;

    public WarmStart(int horizon, ActionBounds bounds) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        this.horizon = horizon;
        this.bounds = bounds;
        this.last = new float[horizon * bounds.dim()];
    }

    /** Whether a previous plan is known. */
    public boolean has() {
        return has;
    }

    /** Keeps {@code plan} ({@code horizon * actDim} values, copied) as the previous plan. */
    public void remember(float[] plan) {
        System.arraycopy(plan, 0, last, 0, last.length);
        has = true;
    }

    /** Forgets the previous plan. */
    public void clear() {
        has = false;
    }

    /** Writes the warm start, {@code horizon * actDim} values, into {@code dst}. */
    public void initial(float[] dst) {
        int a = bounds.dim();
        int kept = has ? (horizon - 1) * a : 0;
        if (kept > 0) {
            System.arraycopy(last, a, dst, 0, kept);
        }
        for (int i = kept; i < horizon * a; i++) {
            dst[i] = bounds.mid(i % a);
        }
    }

    /** The first action of the previous plan (the one executed last), or the middle of the bounds. */
    public void previousAction(float[] dst) {
        for (int j = 0; j < bounds.dim(); j++) {
            dst[j] = has ? last[j] : bounds.mid(j);
        }
    }

    /** The previous plan as doubles, or null when there is none (for checkpoints). */
    public double[] toState() {
        if (!has) {
            return null;
        }
        double[] d = new double[last.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = last[i];
        }
        return d;
    }

    /** Restores {@link #toState()}. */
    public void fromState(double[] plan) {
        if (plan == null) {
            has = false;
            return;
        }
        if (plan.length != last.length) {
            throw new IllegalArgumentException("a saved plan of " + plan.length + " values does not fit horizon "
                    + horizon + " x " + bounds.dim() + " action dims");
        }
        for (int i = 0; i < last.length; i++) {
            last[i] = (float) plan[i];
        }
        has = true;
    }
}
