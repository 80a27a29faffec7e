package org.mbpo4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mbpo4j.policy.Policy;
import org.mbpo4j.agent.RandomAgent;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.box2d.Box2dEnvs;
import org.mbpo4j.random.Rng;

/**
 * The policies {@code eval} and {@code render} can play without training: {@code random}
 * (uniform actions from a stream seeded by the command's seed) and {@code heuristic}
 * (Gymnasium's controller for the env, where it has one); and the check every command that
 * makes an env does first, that the env can be made on this machine.
 */
final class CliPolicies {
    /** The names, as the commands accept them. */
    static final List<String> NAMES = List.of("heuristic", "random");

    private CliPolicies() {
    }

    /**
     * The policy called {@code name} for {@code env} (registered as {@code envId}).
     *
     * @throws UserError if the env has no heuristic controller, naming the envs that have one
     */
    @SuppressWarnings("unchecked")
    static <A> Policy<A> build(String name, Env<A> env, String envId, long seed) {
        if (name.equals("random")) {
            return new RandomAgent<>(env.actionSpace(), new Rng(seed).child("policy"));
        }
        Optional<Policy<?>> h = Box2dEnvs.heuristic(envId);
        if (h.isEmpty()) {
            throw new UserError("--policy heuristic: " + envId + " has no heuristic controller; envs with one: "
                    + envsWithHeuristic());
        }
        return (Policy<A>) h.get();
    }

    private static List<String> envsWithHeuristic() {
        List<String> out = new ArrayList<>();
        for (String id : Envs.ids()) {
            if (Box2dEnvs.heuristic(id).isPresent()) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * Fails with the install message when {@code envId} needs what this machine lacks (the MuJoCo
     * library), before anything is made or written.
     */
    static void requireAvailable(String envId) {
        String missing = org.mbpo4j.env.Envs.unavailable(envId);
        if (missing != null) {
            throw new UserError("env " + envId + ": " + missing);
        }
    }
}
