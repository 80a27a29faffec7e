package org.mbpo4j.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained SAC (or MBPO) actor, deterministic, in plain Java: observation -> MLP -> the first
 * half of its outputs (the Gaussian's mean) -> tanh -> the env's action bounds. This is exactly
 * what training evaluates ({@code tanh(mean)} mapped by {@code RescaleAction}), computed here in
 * double precision from the float32 weights, so it agrees with the training-time actor to float
 * rounding.
 *
 * <p>Thread-safe and immutable; {@link #act} allocates only its result.
 */
public final class TrainedPolicy implements Policy<float[]> {
    /** The hidden-layer activations a policy file may name. */
    public enum Activation { RELU, TANH, SILU }

    private final String envId;
    private final String envOptionsJson;
    private final int[] sizes;
    private final Activation hidden;
    private final float[] params;
    private final float[] actionLow;
    private final float[] actionHigh;
    private final Map<String, String> provenance;

    /**
     * A policy from its parts (what {@link PolicyFile} reads and writes).
     *
     * @param envId the env id the policy was trained on, e.g. {@code Pendulum-v1}
     * @param envOptionsJson the env's options ({@code env_kwargs}) as a JSON object, {@code {}} if none
     * @param sizes layer sizes: observation size, hidden sizes, 2 x action size
     * @param hidden the hidden layers' activation (the output layer is linear)
     * @param params per layer, the {@code in x out} weights row-major then the {@code out} biases
     * @param actionLow the env's action lower bounds
     * @param actionHigh the env's action upper bounds
     * @param provenance where the policy comes from (version, seed, env steps, evaluation return, ...)
     */
    public TrainedPolicy(String envId, String envOptionsJson, int[] sizes, Activation hidden, float[] params,
                         float[] actionLow, float[] actionHigh, Map<String, String> provenance) {
        this.envId = Objects.requireNonNull(envId, "envId");
        this.envOptionsJson = envOptionsJson == null ? "{}" : envOptionsJson;
        this.sizes = sizes.clone();
        this.hidden = Objects.requireNonNull(hidden, "hidden");
        this.params = params.clone();
        this.actionLow = actionLow.clone();
        this.actionHigh = actionHigh.clone();
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a policy needs at least an input and an output layer, got sizes "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        int out = sizes[sizes.length - 1];
        if (out % 2 != 0 || actionLow.length != out / 2 || actionHigh.length != out / 2) {
            throw new IllegalArgumentException("the output layer (" + out + ") must hold a mean and a log-std per action"
                    + " dimension, and the bounds one value per dimension (" + actionLow.length + ", "
                    + actionHigh.length + ")");
        }
        for (int j = 0; j < actionLow.length; j++) {
            if (!(actionLow[j] <= actionHigh[j]) || Float.isInfinite(actionLow[j]) || Float.isInfinite(actionHigh[j])) {
                throw new IllegalArgumentException("action bounds must be finite with low <= high, got ["
                        + actionLow[j] + ", " + actionHigh[j] + "] in dimension " + j);
            }
        }
        if (this.params.length != paramCount(sizes)) {
            throw new IllegalArgumentException("layer sizes " + Arrays.toString(sizes) + " need " + paramCount(sizes)
                    + " parameters, got " + params.length);
        }
    }

    /** Weights and biases of an MLP with these layer sizes. */
    public static int paramCount(int[] sizes) {
        long n = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            n += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many parameters for layer sizes " + Arrays.toString(sizes));
        }
        return (int) n;
    }

    /**
     * The action for {@code obs}, in the env's own action bounds.
     *
     * @throws IllegalArgumentException if {@code obs} does not have {@link #observationSize()} values
     */
    public float[] act(float[] obs) {
        if (obs == null || obs.length != sizes[0]) {
            throw new IllegalArgumentException("expected an observation of " + sizes[0] + " values for " + envId
                    + ", got " + (obs == null ? "null" : obs.length));
        }
        double[] x = new double[obs.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = obs[i];
        }
        int pos = 0;
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] y = new double[out];
            for (int i = 0; i < in; i++) {
                double xi = x[i];
                int row = pos + i * out;
                for (int j = 0; j < out; j++) {
                    y[j] += xi * params[row + j];
                }
            }
            pos += in * out;
            for (int j = 0; j < out; j++) {
                double z = y[j] + params[pos + j];
                // The CPU kernels round every layer's outputs to float32; so does this, to stay within float rounding.
                z = (float) z;
                y[j] = l + 1 < layers ? (float) activate(z) : z;
            }
            pos += out;
            x = y;
        }
        int act = actionLow.length;
        float[] a = new float[act];
        for (int j = 0; j < act; j++) {
            double u = StrictMath.tanh(x[j]);
            u = Math.min(1.0, Math.max(-1.0, (float) u));
            a[j] = (float) (actionLow[j] + (u + 1.0) * 0.5 * (actionHigh[j] - actionLow[j]));
        }
        return a;
    }

    /** {@code "trained"}. */
    @Override
    public String name() {
        return "trained";
    }

    /** The same as {@link #act(float[])}: a trained policy file holds only the deterministic actor. */
    @Override
    public float[] act(float[] obs, boolean deterministic) {
        return act(obs);
    }

    private double activate(double z) {
        return switch (hidden) {
            case RELU -> Math.max(0.0, z);
            case TANH -> StrictMath.tanh(z);
            case SILU -> z / (1.0 + StrictMath.exp(-z));
        };
    }

    /** The env id the policy was trained on. */
    public String envId() {
        return envId;
    }

    /** The env's options ({@code env_kwargs}) as a JSON object; {@code {}} if none. */
    public String envOptionsJson() {
        return envOptionsJson;
    }

    /** Values in an observation. */
    public int observationSize() {
        return sizes[0];
    }

    /** Values in an action. */
    public int actionSize() {
        return actionLow.length;
    }

    /** Layer sizes: observation, hidden..., 2 x action. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The hidden layers' activation. */
    public Activation hiddenActivation() {
        return hidden;
    }

    /** The parameters, per layer weights ({@code in x out}, row-major) then biases. */
    public float[] params() {
        return params.clone();
    }

    /** The env's action lower bounds. */
    public float[] actionLow() {
        return actionLow.clone();
    }

    /** The env's action upper bounds. */
    public float[] actionHigh() {
        return actionHigh.clone();
    }

    /** Where the policy comes from: {@code mbpo4j_version}, {@code algo}, {@code seed}, {@code env_steps}, ... */
    public Map<String, String> provenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return "TrainedPolicy[" + envId + ", sizes " + Arrays.toString(sizes) + ", " + hidden.name().toLowerCase()
                + ", " + provenance + "]";
    }
}
