package org.mbpo4j.env;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.classic.ClassicControl;

/**
 * The env registry (Gymnasium's {@code gymnasium.make}). {@link #make(String)} builds a fresh
 * env wrapped in a {@link TimeLimit} with the registered limit.
 */
public final class Envs {
    private static final Map<String, EnvSpec> REGISTRY = new LinkedHashMap<>();

    static {
        ClassicControl.specs().forEach(Envs::register);
        org.mbpo4j.env.synthetic.SyntheticEnvs.specs().forEach(Envs::register);
        org.mbpo4j.env.box2d.Box2dEnvs.specs().forEach(Envs::register);
        org.mbpo4j.env.mujoco.MujocoEnvs.specs().forEach(Envs::register);
    }

    private Envs() {
    }

    /** Adds an env; ids are unique. */
    public static synchronized void register(EnvSpec spec) {
        if (REGISTRY.containsKey(spec.id())) {
            throw new IllegalArgumentException("env id '" + spec.id() + "' is already registered");
        }
        REGISTRY.put(spec.id(), spec);
    }

    /** The registered ids, in registration order. */
    public static synchronized List<String> ids() {
        return Collections.unmodifiableList(new ArrayList<>(REGISTRY.keySet()));
    }

    /** The spec of {@code id}, or an {@link UnknownEnvException} naming the known ids. */
    public static synchronized EnvSpec spec(String id) {
        EnvSpec spec = REGISTRY.get(id);
        if (spec == null) {
            throw new UnknownEnvException(id, ids());
        }
        return spec;
    }

    /** A fresh env with the registered time limit. */
    public static Env<?> make(String id) {
        EnvSpec spec = spec(id);
        return make(id, spec.maxEpisodeSteps());
    }

    /** A fresh env with a chosen time limit. */
    public static Env<?> make(String id, int maxEpisodeSteps) {
        return limit(spec(id).factory().get(), maxEpisodeSteps);
    }

    /** A fresh env with constructor options and the registered time limit. */
    public static Env<?> make(String id, EnvKwargs kwargs) {
        return make(id, kwargs, spec(id).maxEpisodeSteps());
    }

    /**
     * A fresh env with constructor options (validated by {@link EnvSpec#kwargs}) and a chosen
     * time limit.
     *
     * @throws EnvUnavailableException when the env needs something this machine lacks
     */
    public static Env<?> make(String id, EnvKwargs kwargs, int maxEpisodeSteps) {
        return limit(unwrapped(id, kwargs), maxEpisodeSteps);
    }

    /** A fresh env with constructor options and no time limit. */
    public static Env<?> unwrapped(String id, EnvKwargs kwargs) {
        EnvSpec spec = spec(id);
        if (spec.options() == null) {
            if (kwargs != null && !kwargs.isDefault()) {
                throw new IllegalArgumentException(id + " takes no options, got " + kwargs.given().keySet());
            }
            return spec.factory().get();
        }
        return spec.options().make(orDefaults(spec, kwargs));
    }

    /** The task's rules with these constructor options (null if it has none). */
    public static TaskRules rules(String id, EnvKwargs kwargs) {
        EnvSpec spec = spec(id);
        return spec.options() == null || kwargs == null ? spec.rules() : spec.options().rules(kwargs);
    }

    /** The observation space of {@code id} with these options, without making it where it can. */
    public static Box observationSpace(String id, EnvKwargs kwargs) {
        EnvSpec spec = spec(id);
        if (spec.options() != null) {
            return spec.options().observationSpace(orDefaults(spec, kwargs));
        }
        try (Env<?> e = spec.factory().get()) {
            return e.observationSpace();
        }
    }

    /** The action space of {@code id} with these options, without making it where it can. */
    public static Space<?> actionSpace(String id, EnvKwargs kwargs) {
        EnvSpec spec = spec(id);
        if (spec.options() != null) {
            return spec.options().actionSpace(orDefaults(spec, kwargs));
        }
        try (Env<?> e = spec.factory().get()) {
            return e.actionSpace();
        }
    }

    /** {@code kwargs}, or the spec's defaults for null. */
    private static EnvKwargs orDefaults(EnvSpec spec, EnvKwargs kwargs) {
        return kwargs == null ? spec.kwargs(null) : kwargs;
    }

    /** Null when {@code id} can be made on this machine; else why not and what to do. */
    public static String unavailable(String id) {
        EnvSpec spec = spec(id);
        return spec.options() == null ? null : spec.options().unavailable();
    }

    /** A fresh env of a continuous-action task, with the registered time limit. */
    @SuppressWarnings("unchecked")
    public static Env<float[]> makeContinuous(String id) {
        Env<?> env = make(id);
        if (!(env.actionSpace() instanceof Box)) {
            throw new IllegalArgumentException(id + " has a " + env.actionSpace()
                    + " action space; a continuous (Box) action space is needed here. Continuous envs: "
                    + idsWhere(true));
        }
        return (Env<float[]>) env;
    }

    /** Ids of the continuous-action (true) or discrete-action (false) envs. */
    public static List<String> idsWhere(boolean continuous) {
        List<String> out = new ArrayList<>();
        for (String id : ids()) {
            if ((actionSpace(id, null) instanceof Box) == continuous) {
                out.add(id);
            }
        }
        return out;
    }

    private static <A> Env<A> limit(Env<A> env, int maxEpisodeSteps) {
        return new TimeLimit<>(env, maxEpisodeSteps);
    }
}
