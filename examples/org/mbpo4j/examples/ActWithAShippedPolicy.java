package org.mbpo4j.examples;

import java.nio.file.Path;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.policy.PolicyFile;
import org.mbpo4j.policy.TrainedPolicy;

/**
 * Example: load a policy that ships in {@code models/} and let it swing up a pendulum.
 *
 * <p>Acting needs only the classes of {@code org.mbpo4j.policy} (plain Java, no ND4J); the env
 * here is mbpo4j's Pendulum-v1, but any simulator of your own that produces the same observation
 * works. Run: {@code java -cp mbpo4j.jar:... org.mbpo4j.examples.ActWithAShippedPolicy [FILE]}.
 */
public final class ActWithAShippedPolicy {
    private ActWithAShippedPolicy() {
    }

    /** Plays one episode from {@code reset(seed)} and returns its return. */
    public static double play(Path policyFile, long seed) {
        TrainedPolicy policy = PolicyFile.load(policyFile, "Pendulum-v1");
        @SuppressWarnings("unchecked")
        Env<float[]> env = (Env<float[]>) Envs.make(policy.envId());
        try (env) {
            float[] obs = env.reset(seed).obs();
            double total = 0;
            while (true) {
                StepResult step = env.step(policy.act(obs));
                total += step.reward();
                obs = step.obs();
                if (step.terminated() || step.truncated()) {
                    return total;
                }
            }
        }
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "models/pendulum-v1-mbpo.policy");
        TrainedPolicy policy = PolicyFile.load(file);
        System.out.println("loaded " + policy);
        System.out.printf("one episode of %s: return %.1f%n", policy.envId(), play(file, 0));
    }
}
