package org.mbpo4j.nn;

/**
 * Activation functions and their derivatives, written as the scalar formulas the Java kernels
 * use (the ND4J kernels compose the same formulas from ND4J ops).
 */
public enum Activation {
    /** f(z) = z. */
    IDENTITY,
    /** f(z) = max(0, z); f'(z) = 1 for z > 0, else 0. */
    RELU,
    /** f(z) = tanh z; f'(z) = 1 - f(z)^2. */
    TANH,
    /** SiLU / swish: f(z) = z sigmoid(z); f'(z) = s (1 + z (1 - s)), s = sigmoid(z). */
    SILU;

    public float apply(float z) {
        return switch (this) {
            case IDENTITY -> z;
            case RELU -> z > 0 ? z : 0f;
            case TANH -> (float) Math.tanh(z);
            case SILU -> (float) (z / (1.0 + Math.exp(-z)));
        };
    }

    /** f'(z), given z and a = f(z). */
    public float derivative(float z, float a) {
        return switch (this) {
            case IDENTITY -> 1f;
            case RELU -> z > 0 ? 1f : 0f;
            case TANH -> 1f - a * a;
            case SILU -> {
                double s = 1.0 / (1.0 + Math.exp(-z));
                yield (float) (s * (1.0 + z * (1.0 - s)));
            }
        };
    }
}
