package org.mbpo4j.env;

import java.util.Arrays;
import org.mbpo4j.random.Rng;

/**
 * A box in R^n with float32 bounds (Gymnasium's {@code Box(low, high, shape, float32)}).
 * Elements are {@code float[]} of length {@link #size()}; bounds may be infinite.
 */
public final class Box implements Space<float[]> {
    private final float[] low;
    private final float[] high;
    private final int[] shape;
    private Rng rng = new Rng(System.nanoTime());

    /** A 1-D box with the given bounds (copied). */
    public Box(float[] low, float[] high) {
        this(low, high, new int[] {low.length});
    }

    /** A box with the given bounds (flattened, copied) and shape. */
    public Box(float[] low, float[] high, int[] shape) {
        if (low.length != high.length) {
            throw new IllegalArgumentException("Box bounds differ in length: low has " + low.length
                    + " values, high has " + high.length);
        }
        int n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("Box shape must be positive, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != low.length) {
            throw new IllegalArgumentException("Box shape " + Arrays.toString(shape) + " holds " + n
                    + " values but the bounds hold " + low.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || low[i] > high[i]) {
                throw new IllegalArgumentException("Box bound " + i + " is invalid: low=" + low[i]
                        + ", high=" + high[i] + " (need low <= high, no NaN)");
            }
        }
        this.low = low.clone();
        this.high = high.clone();
        this.shape = shape.clone();
    }

    /** A 1-D box of {@code n} dims, every bound the same. */
    public static Box uniform(int n, float low, float high) {
        float[] lo = new float[n];
        float[] hi = new float[n];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi);
    }

    public int size() {
        return low.length;
    }

    public int[] shape() {
        return shape.clone();
    }

    public float[] low() {
        return low.clone();
    }

    public float[] high() {
        return high.clone();
    }

    public float low(int i) {
        return low[i];
    }

    public float high(int i) {
        return high[i];
    }

    /** True when every bound is finite. */
    public boolean isBounded() {
        for (int i = 0; i < low.length; i++) {
            if (Float.isInfinite(low[i]) || Float.isInfinite(high[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gymnasium's sampling rule: uniform on bounded dims, normal on unbounded ones,
     * shifted exponential on half-bounded ones.
     */
    @Override
    public float[] sample() {
        return sample(rng);
    }

    @Override
    public float[] sample(Rng rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            boolean lowInf = Float.isInfinite(low[i]);
            boolean highInf = Float.isInfinite(high[i]);
            double v;
            if (!lowInf && !highInf) {
                v = rng.uniform(low[i], high[i]);
            } else if (lowInf && highInf) {
                v = rng.nextGaussian();
            } else {
                double e = -Math.log(1 - rng.nextDouble());
                v = lowInf ? high[i] - e : low[i] + e;
            }
            x[i] = (float) Math.min(Math.max(v, low[i]), high[i]);
        }
        return x;
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof float[] x) || x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String actionProblem(Object value) {
        if (value == null) {
            return "action is null; expected float[" + low.length + "] in " + this;
        }
        if (!(value instanceof float[] x)) {
            return "action " + value + " has the wrong type " + value.getClass().getSimpleName()
                    + "; expected float[" + low.length + "] in " + this;
        }
        if (x.length != low.length) {
            return "action " + Arrays.toString(x) + " has shape (" + x.length + ",) but the action space is " + this;
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                return "action " + Arrays.toString(x) + " has a non-finite value at index " + i
                        + "; actions must be finite numbers in " + this;
            }
        }
        return null;
    }

    @Override
    public void seed(long seed) {
        rng = new Rng(seed);
    }

    @Override
    public Class<float[]> elementType() {
        return float[].class;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high)
                && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(low) + Arrays.hashCode(high)) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Box(");
        if (allEqual(low) && allEqual(high)) {
            s.append(low[0]).append(", ").append(high[0]);
        } else {
            s.append(Arrays.toString(low)).append(", ").append(Arrays.toString(high));
        }
        s.append(", (");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]).append(shape.length == 1 || i < shape.length - 1 ? "," : "");
        }
        return s.append("), float32)").toString();
    }

    private static boolean allEqual(float[] a) {
        for (float v : a) {
            if (Float.compare(v, a[0]) != 0) {
                return false;
            }
        }
        return true;
    }
}
