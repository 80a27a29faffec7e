package org.mbpo4j.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.mbpo4j.nn.NetworkFile;
import org.mbpo4j.random.Rng;

/**
 * Saves and loads a whole {@link TransitionModel}: the ensemble's parameters and Adam state in
 * a {@link NetworkFile}, and in its metadata everything else that defines the model, written
 * so that it reads back exactly (doubles and floats in Java's shortest round-trip form): the
 * shape and training settings, the obs and action dims, the delta/absolute choice, learned or
 * rule-based rewards, the normaliser's statistics, the log-variance bounds and their optimiser
 * state, and the elites. The write is atomic (temporary file, then rename).
 */
public final class ModelFile {
    static final String KIND = "transition-model";

    private ModelFile() {
    }

    public static void save(Path file, TransitionModel model) {
        GaussianEnsemble ens = model.ensemble();
        GaussianEnsemble.Spec s = ens.spec();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("obs_dim", Integer.toString(model.obsDim()));
        m.put("act_dim", Integer.toString(model.actDim()));
        m.put("learned_rewards", Boolean.toString(model.learnedRewards()));
        m.put("absolute_dims", ints(model.absoluteDims()));
        m.put("normalize_targets", Boolean.toString(model.normalizesTargets()));
        m.put("target_mean", doubles(model.targetNormalizer().mean()));
        m.put("target_std", doubles(model.targetNormalizer().std()));
        m.put("elites", ints(model.elites()));
        m.put("hidden", Integer.toString(s.hidden()));
        m.put("hidden_layers", Integer.toString(s.hiddenLayers()));
        m.put("weight_decay", doubles(s.weightDecay()));
        m.put("learn_bounds", Boolean.toString(s.learnBounds()));
        m.put("lr", Double.toString(s.lr()));
        m.put("normalizer_fitted", Boolean.toString(model.normalizer().fitted()));
        m.put("normalizer_mean", doubles(model.normalizer().mean()));
        m.put("normalizer_std", doubles(model.normalizer().std()));
        m.put("max_logvar", floats(ens.head().maxLogVar()));
        m.put("min_logvar", floats(ens.head().minLogVar()));
        m.put("max_logvar_adam", doubles(ens.maxAdam().state()));
        m.put("min_logvar_adam", doubles(ens.minAdam().state()));
        NetworkFile.save(file, ens.net(), ens.adam(), m);
    }

    /**
     * Reads a model saved by {@link #save}.
     *
     * @throws IllegalArgumentException naming the file when it is malformed or not a model file
     * @throws java.io.UncheckedIOException naming the file when it cannot be read
     */
    public static TransitionModel load(Path file) {
        NetworkFile.Loaded loaded = NetworkFile.load(file);
        Map<String, String> m = loaded.metadata();
        if (!KIND.equals(m.get("kind"))) {
            throw new IllegalArgumentException(file + ": not a dynamics model file (kind " + m.get("kind")
                    + ", expected " + KIND + ")");
        }
        try {
            int obs = Integer.parseInt(get(file, m, "obs_dim"));
            int act = Integer.parseInt(get(file, m, "act_dim"));
            boolean learned = Boolean.parseBoolean(get(file, m, "learned_rewards"));
            int[] elites = parseInts(get(file, m, "elites"));
            var net = loaded.net();
            GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(net.members(), obs + act, obs + (learned ? 1 : 0),
                    Integer.parseInt(get(file, m, "hidden")), Integer.parseInt(get(file, m, "hidden_layers")),
                    parseDoubles(get(file, m, "weight_decay")), Boolean.parseBoolean(get(file, m, "learn_bounds")),
                    Double.parseDouble(get(file, m, "lr")));
            GaussianEnsemble ens = new GaussianEnsemble(spec, new Rng(0));
            TransitionModel model = new TransitionModel(ens, obs, act, learned, parseInts(get(file, m,
                    "absolute_dims")), elites.length, Boolean.parseBoolean(get(file, m, "normalize_targets")));
            model.targetNormalizer().set(parseDoubles(get(file, m, "target_mean")),
                    parseDoubles(get(file, m, "target_std")));
            model.targetStatisticsChanged();
            ens.net().copyParamsFrom(net);
            if (loaded.hasAdam()) {
                ens.adam().firstMoments().copyFrom(loaded.adamFirst());
                ens.adam().secondMoments().copyFrom(loaded.adamSecond());
                ens.adam().setSteps(loaded.adamSteps());
            }
            model.setElites(elites);
            model.normalizer().set(parseDoubles(get(file, m, "normalizer_mean")),
                    parseDoubles(get(file, m, "normalizer_std")));
            model.normalizer().markFitted(Boolean.parseBoolean(get(file, m, "normalizer_fitted")));
            copy(parseFloats(get(file, m, "max_logvar")), ens.head().maxLogVar(), file, "max_logvar");
            copy(parseFloats(get(file, m, "min_logvar")), ens.head().minLogVar(), file, "min_logvar");
            ens.maxAdam().restore(parseDoubles(get(file, m, "max_logvar_adam")));
            ens.minAdam().restore(parseDoubles(get(file, m, "min_logvar_adam")));
            return model;
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(msg != null && msg.startsWith(file.toString()) ? msg
                    : file + ": bad dynamics model metadata: " + msg, e);
        }
    }

    private static String get(Path file, Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": dynamics model file lacks '" + key + "'");
        }
        return v;
    }

    private static void copy(float[] src, float[] dst, Path file, String key) {
        if (src.length != dst.length) {
            throw new IllegalArgumentException(file + ": '" + key + "' has " + src.length + " values, expected "
                    + dst.length);
        }
        System.arraycopy(src, 0, dst, 0, dst.length);
    }

    private static float[] parseFloats(String s) {
        String[] parts = s.isEmpty() ? new String[0] : s.split(",");
        float[] f = new float[parts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Float.parseFloat(parts[i]);
        }
        return f;
    }

    private static String ints(int[] a) {
        return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private static String doubles(double[] a) {
        return Arrays.stream(a).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    private static String floats(float[] a) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            b.append(i == 0 ? "" : ",").append(a[i]);
        }
        return b.toString();
    }

    private static int[] parseInts(String s) {
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] parseDoubles(String s) {
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
