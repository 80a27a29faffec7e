package org.mbpo4j.env;

/**
 * For agents that act in [-1, 1]: clips each action component to [-1, 1] and maps it linearly
 * onto the wrapped env's bounded {@link Box} action space ({@code -1 -> low}, {@code 1 -> high}).
 * Non-finite components are rejected, not clipped.
 */
public final class RescaleAction extends Wrapper<float[], float[]> {
    private final Box inner;
    private final Box outer;

    public RescaleAction(Env<float[]> env) {
        super(env);
        if (!(env.actionSpace() instanceof Box b) || !b.isBounded()) {
            throw new IllegalArgumentException(env.id() + ": RescaleAction needs a bounded Box action space, got "
                    + env.actionSpace());
        }
        this.inner = b;
        this.outer = Box.uniform(b.size(), -1f, 1f);
    }

    @Override
    public Space<float[]> actionSpace() {
        return outer;
    }

    @Override
    protected StepResult doStep(float[] action) {
        return env.step(rescale(action));
    }

    /** The env action for an agent action in [-1, 1] (clipped first). */
    public float[] rescale(float[] action) {
        float[] a = new float[action.length];
        for (int i = 0; i < a.length; i++) {
            double u = Math.min(1.0, Math.max(-1.0, action[i]));
            double lo = inner.low(i);
            double hi = inner.high(i);
            a[i] = (float) (lo + (u + 1.0) * 0.5 * (hi - lo));
        }
        return a;
    }
}
