package org.mbpo4j.run.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.EnvOption;
import org.mbpo4j.env.EnvSpec;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.UnknownEnvException;
import org.mbpo4j.model.ModelTrainer;

/**
 * One run, as configured: the top level of a run's YAML file.
 *
 * <pre>
 * env: Pendulum-v1      # required; the caller checks it against its registry
 * env_kwargs: {}        # the env's constructor options (Gymnasium's make kwargs), e.g. for Hopper-v5
 *                       # {ctrl_cost_weight: 0.002, healthy_z_range: [0.7, .inf]}
 * algo: random          # required
 * seed: 0
 * train: {steps: 5000, epoch_length: 250, ...}
 * sac: {hidden: [256, 256], actor_lr: 3e-4, ...}
 * model: {members: 7, elites: 5, hidden: 200, hidden_layers: 4, ...}
 * mbpo: {init_steps: 5000, updates_per_step: 20, rollout_batch_size: 100000, ...}
 * mpc: {planner: cem, horizon: 15, population: 350, particles: 20, ...}
 * compute: {backend: auto, kernels: auto}
 * out: runs/pendulum    # optional; null lets the caller choose
 * </pre>
 *
 * <p>New sections (agent, ...) are added as a component here, one line in
 * {@link #from(ConfigNode)} and one in {@link #toMap()}.
 *
 * @param env environment id such as {@code Pendulum-v1}: non-blank, without surrounding spaces
 * @param algo the algorithm
 * @param seed the root seed of the run, in [0, 2^53] so that it survives a trip through JSON
 * @param train the {@code train:} section
 * @param sac the {@code sac:} section; read whatever the algorithm, used by those built on SAC
 * @param model the {@code model:} section, MBPO's dynamics model; read whatever the algorithm,
 *     used by the model-based ones
 * @param mbpo the {@code mbpo:} section, MBPO's schedule; read whatever the algorithm, used by
 *     {@code algo: mbpo}
 * @param mpc the {@code mpc:} section, model predictive control's planner and schedule; read
 *     whatever the algorithm, used by {@code algo: mpc}
 * @param compute the {@code compute:} section
 * @param out the run directory, or null for the caller's choice; not blank
 * @param envKwargs the env's constructor options that were given (name to canonical value, in
 *     the order given; empty for the defaults), validated against the env's option schema when
 *     the env is registered
 */
public record RunConfig(String env, Algo algo, long seed, TrainConfig train, SacConfig sac, ModelConfig model, MbpoConfig mbpo,
        MpcConfig mpc, ComputeConfig compute, String out, Map<String, Object> envKwargs) {
    /** The largest seed: 2^53, beyond which JSON numbers (doubles) lose integers. */
    public static final long MAX_SEED = 1L << 53;
    private static final IntegerKey SEED = new IntegerKey("seed", 0, MAX_SEED);

    /** Validates every field; a violation is a {@link ConfigException} naming the YAML key. */
    public RunConfig {
        if (env == null || env.isEmpty() || !env.equals(env.strip())) {
            throw new ConfigException("env", "must be a non-blank environment id without surrounding spaces"
                    + " (such as Pendulum-v1), got " + ConfigText.describe(env));
        }
        if (algo == null) {
            throw new ConfigException("algo", "must be one of: " + algoNames() + ", got null");
        }
        SEED.check(seed);
        if (train == null) {
            throw new ConfigException("train", "must be a section, got null (use TrainConfig.defaults())");
        }
        if (sac == null) {
            throw new ConfigException("sac", "must be a section, got null (use SacConfig.defaults())");
        }
        if (model == null) {
            throw new ConfigException("model", "must be a section, got null (use ModelConfig.defaults())");
        }
        if (mbpo == null) {
            throw new ConfigException("mbpo", "must be a section, got null (use MbpoConfig.defaults())");
        }
        if (mpc == null) {
            throw new ConfigException("mpc", "must be a section, got null (use MpcConfig.defaults())");
        }
        if (compute == null) {
            throw new ConfigException("compute", "must be a section, got null (use ComputeConfig.defaults())");
        }
        checkMbpoCanTrainItsModel(algo, sac, model, mbpo);
        if (out != null && out.isBlank()) {
            throw new ConfigException("out", "must be a non-blank path or null, got " + ConfigText.describe(out));
        }
        envKwargs = envKwargs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(envKwargs));
    }

    /**
     * MBPO trains its model on the real replay buffer, so a full buffer ({@code sac.buffer_size}
     * rows) must leave a holdout row and a minibatch ({@code model.batch_size}) after the
     * holdout; otherwise the model is never trained and MBPO quietly runs SAC on real data.
     */
    private static void checkMbpoCanTrainItsModel(Algo algo, SacConfig sac, ModelConfig model, MbpoConfig mbpo) {
        if (algo != Algo.MBPO || mbpo.realRatio() >= 1) {
            return;
        }
        ModelTrainer.Options trainer = model.toOptions().trainerOptions();
        int n = sac.bufferSize();
        if (trainer.canTrainOn(n)) {
            return;
        }
        int hold = trainer.holdoutRows(n);
        String[] others = {"sac.buffer_size", "model.holdout_ratio", "model.max_holdout", "mbpo.real_ratio", "algo"};
        if (hold < 1) {
            throw new ConfigException("model.holdout_ratio", "holds out no row of the real buffer MBPO trains its"
                    + " model on (sac.buffer_size " + n + " x " + model.holdoutRatio() + " < 1), so the model would"
                    + " never be trained; raise sac.buffer_size or model.holdout_ratio").involvingPaths(others);
        }
        throw new ConfigException("model.batch_size", "must be <= the rows MBPO can train its model on: the real"
                + " buffer's sac.buffer_size " + n + " less a holdout of " + hold + " (model.holdout_ratio "
                + model.holdoutRatio() + ", at most model.max_holdout " + model.maxHoldout() + ") leaves " + (n - hold)
                + ", got " + model.batchSize() + "; the model would never be trained (raise sac.buffer_size or lower"
                + " model.batch_size)").involvingPaths(others);
    }

    /** A run with the env's default options. */
    public RunConfig(String env, Algo algo, long seed, TrainConfig train, SacConfig sac, ModelConfig model,
                     MbpoConfig mbpo, MpcConfig mpc, ComputeConfig compute, String out) {
        this(env, algo, seed, train, sac, model, mbpo, mpc, compute, out, Map.of());
    }

    /** A run with the default {@code sac:}, {@code model:}, {@code mbpo:}, {@code mpc:} and {@code compute:} sections. */
    public RunConfig(String env, Algo algo, long seed, TrainConfig train, String out) {
        this(env, algo, seed, train, SacConfig.defaults(), ModelConfig.defaults(), MbpoConfig.defaults(),
                MpcConfig.defaults(), ComputeConfig.defaults(), out);
    }

    /** A run with the default {@code mpc:} section. */
    public RunConfig(String env, Algo algo, long seed, TrainConfig train, SacConfig sac, ModelConfig model,
                     MbpoConfig mbpo, ComputeConfig compute, String out) {
        this(env, algo, seed, train, sac, model, mbpo, MpcConfig.defaults(), compute, out);
    }

    /** A run of {@code algo} on {@code env} with every other setting at its default. */
    public static RunConfig of(String env, Algo algo) {
        return new RunConfig(env, algo, 0, TrainConfig.defaults(), null);
    }

    /** This configuration with the run directory {@code out} (null for the caller's choice; not blank). */
    public RunConfig withOut(String out) {
        return new RunConfig(env, algo, seed, train, sac, model, mbpo, mpc, compute, out, envKwargs);
    }

    /**
     * The env's validated constructor options.
     *
     * @throws UnknownEnvException when the env is not registered
     */
    public EnvKwargs kwargs() {
        return Envs.spec(env).kwargs(envKwargs);
    }

    /** Reads the top level; {@code env} and {@code algo} are required. Unknown keys are left to {@link ConfigNode#finish()}. */
    public static RunConfig from(ConfigNode node) {
        String env = node.requireString("env");
        Map<String, Object> envKwargs = node.section("env_kwargs", kw -> envKwargs(env, kw));
        Algo algo = node.requireEnum("algo", Algo.class);
        long seed = SEED.read(node, 0);
        TrainConfig train = node.section("train", TrainConfig::from);
        SacConfig sac = node.section("sac", SacConfig::from);
        ModelConfig model = node.section("model", ModelConfig::from);
        MbpoConfig mbpo = node.section("mbpo", MbpoConfig::from);
        MpcConfig mpc = node.section("mpc", MpcConfig::from);
        ComputeConfig compute = node.section("compute", ComputeConfig::from);
        String out = node.getNullableString("out", null);
        return new RunConfig(env, algo, seed, train, sac, model, mbpo, mpc, compute, out, envKwargs);
    }

    /**
     * Reads {@code env_kwargs:} against the env's option schema (each value checked by its
     * {@link EnvOption}; unknown keys rejected with the allowed ones). For an env that is not
     * registered the keys are kept as given: the caller reports the unknown env first.
     */
    private static Map<String, Object> envKwargs(String env, ConfigNode node) {
        EnvSpec spec;
        try {
            spec = Envs.spec(env);
        } catch (UnknownEnvException e) {
            Map<String, Object> raw = new LinkedHashMap<>();
            for (String k : node.keys()) {
                raw.put(k, node.getRaw(k));
            }
            return raw;
        }
        if (spec.optionSchema().isEmpty() && !node.keys().isEmpty()) {
            throw new ConfigException(node.keys().iterator().next(), env + " takes no constructor options"
                    + " (env_kwargs is for envs such as the MuJoCo tasks: ./mbpo envs)");
        }
        Map<String, Object> given = new LinkedHashMap<>();
        for (EnvOption o : spec.optionSchema()) {
            if (!node.has(o.name())) {
                node.getRaw(o.name());
                continue;
            }
            Object raw = node.getRaw(o.name());
            try {
                given.put(o.name(), o.check(raw));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(o.name(), e.getMessage());
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String k : node.keys()) {
            if (given.containsKey(k)) {
                ordered.put(k, given.get(k));
            }
        }
        return ordered;
    }

    /** Every key with its value (sections as nested maps), snake_case, in schema order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", env);
        m.put("env_kwargs", new LinkedHashMap<>(envKwargs));
        m.put("algo", algo.yamlName());
        m.put("seed", seed);
        m.put("train", train.toMap());
        m.put("sac", sac.toMap());
        m.put("model", model.toMap());
        m.put("mbpo", mbpo.toMap());
        m.put("mpc", mpc.toMap());
        m.put("compute", compute.toMap());
        m.put("out", out);
        return m;
    }

    private static String algoNames() {
        StringBuilder sb = new StringBuilder();
        for (Algo a : Algo.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(a.yamlName());
        }
        return sb.toString();
    }
}
