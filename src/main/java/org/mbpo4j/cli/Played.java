package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.policy.Policy;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.Envs;
import org.mbpo4j.policy.PolicyFile;
import org.mbpo4j.policy.PolicyFileException;
import org.mbpo4j.policy.TrainedPolicy;
import org.mbpo4j.io.Json;

/**
 * What {@code eval} and {@code render} play: an env with a policy, chosen by {@code --run}
 * (a run's trained agent, on the run's own env and env options), {@code --model} (a policy
 * file, on the env it names) or {@code --env} with {@code --policy} (random or heuristic).
 *
 * @param <A> the env's action type
 */
record Played<A>(Env<A> env, Policy<A> policy, String envId, String label, Map<String, Object> source) {

    /**
     * Builds what the options ask for.
     *
     * @throws UserError for a combination that does not make sense or a run or file that cannot be played
     */
    static Played<?> choose(Path run, String checkpoint, Path model, Object policyName, String env, long seed,
                            PrintWriter err) {
        if (run != null && model != null) {
            throw new UserError("give --run or --model, not both");
        }
        if ((run != null || model != null) && policyName != null) {
            throw new UserError("--policy cannot be combined with " + (run != null ? "--run" : "--model")
                    + " (which plays its own trained policy)");
        }
        if (checkpoint != null && run == null) {
            throw new UserError("--checkpoint goes with --run");
        }
        if (run != null) {
            TrainedRun r = TrainedRun.open(run, checkpoint, err);
            if (env != null && !env.equals(r.cfg.env())) {
                throw new UserError("run " + run + " trained on " + r.cfg.env() + ", not " + env
                        + "; leave --env out to play it on its own env");
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("run", run.toString());
            source.put("checkpoint_step", r.envStep());
            return fromRun(r, source);
        }
        if (model != null) {
            return fromModel(model, env, err);
        }
        if (env == null) {
            throw new UserError("give --env ID (with --policy random|heuristic), --run RUN_DIR or --model FILE");
        }
        String name = policyName == null ? "random" : policyName.toString();
        CliPolicies.requireAvailable(env);
        return heuristicOrRandom(Envs.make(env), name, env, seed);
    }

    private static <A> Played<A> fromRun(TrainedRun r, Map<String, Object> source) {
        @SuppressWarnings("unchecked")
        org.mbpo4j.api.ConfiguredRun<A> s = (org.mbpo4j.api.ConfiguredRun<A>) r.setup;
        return new Played<>(s.evalEnv(), s.agent(), r.cfg.env(), r.cfg.algo().yamlName() + "@" + r.envStep(), source);
    }

    @SuppressWarnings("unchecked")
    private static Played<?> fromModel(Path file, String env, PrintWriter err) {
        TrainedPolicy p;
        try {
            p = env == null ? PolicyFile.load(file) : PolicyFile.load(file, env);
        } catch (PolicyFileException e) {
            throw new UserError(e.getMessage());
        }
        String id = p.envId();
        if (!Envs.ids().contains(id)) {
            throw new UserError("policy file " + file + " is for env " + id + ", which this mbpo4j does not know"
                    + " (see `mbpo envs`)");
        }
        CliPolicies.requireAvailable(id);
        EnvKwargs kwargs;
        try {
            kwargs = Envs.spec(id).kwargs(Json.parseMap(p.envOptionsJson()));
        } catch (RuntimeException e) {
            throw new UserError("policy file " + file + " names env options this mbpo4j cannot apply to " + id + ": "
                    + e.getMessage());
        }
        Env<?> e = Envs.make(id, kwargs);
        if (!(e.actionSpace() instanceof Box box) || box.size() != p.actionSize()
                || e.observationSpace().size() != p.observationSize()) {
            e.close();
            throw new UserError("policy file " + file + " expects observations of " + p.observationSize()
                    + " and actions of " + p.actionSize() + " values, and " + id + " here has "
                    + e.observationSpace().size() + " and " + e.actionSpace());
        }
        Env<float[]> fe = (Env<float[]>) e;
        Policy<float[]> policy = p;
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("model", file.toString());
        source.put("algo", p.provenance().get("algo"));
        source.put("trained_env_steps", p.provenance().get("env_steps"));
        return new Played<>(fe, policy, id, "model", source);
    }

    private static <A> Played<A> heuristicOrRandom(Env<A> e, String name, String env, long seed) {
        return new Played<>(e, CliPolicies.build(name, e, env, seed), env, name, Map.of());
    }

    /** Plays {@code episodes} whole episodes, episode i from {@code reset(seed + i)}, acting deterministically. */
    Evaluation evaluate(int episodes, long seed) {
        return Evaluation.run(env, policy, episodes, seed, true);
    }
}
