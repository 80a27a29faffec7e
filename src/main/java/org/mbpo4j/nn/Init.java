package org.mbpo4j.nn;

import org.mbpo4j.random.Rng;

/** How a layer's weights and biases start. */
public enum Init {
    /**
     * MBPO's dynamics models: weights from a normal with std 1/(2 sqrt(fan_in)), truncated at
     * two standard deviations (redrawn outside), biases zero.
     */
    TRUNCATED_NORMAL,
    /**
     * PyTorch's {@code nn.Linear} default, used by SAC: weights and biases uniform in
     * [-1/sqrt(fan_in), 1/sqrt(fan_in)].
     */
    UNIFORM_FAN_IN;

    /** A weight of a layer with {@code fanIn} inputs. */
    public float weight(int fanIn, Rng rng) {
        return switch (this) {
            case TRUNCATED_NORMAL -> {
                double std = 1.0 / (2.0 * Math.sqrt(fanIn));
                double g;
                do {
                    g = rng.nextGaussian();
                } while (Math.abs(g) > 2.0);
                yield (float) (g * std);
            }
            case UNIFORM_FAN_IN -> (float) rng.uniform(-1.0 / Math.sqrt(fanIn), 1.0 / Math.sqrt(fanIn));
        };
    }

    /** A bias of a layer with {@code fanIn} inputs. */
    public float bias(int fanIn, Rng rng) {
        return this == TRUNCATED_NORMAL ? 0f : (float) rng.uniform(-1.0 / Math.sqrt(fanIn), 1.0 / Math.sqrt(fanIn));
    }
}
