package org.mbpo4j.examples;

import java.nio.file.Path;
import java.util.List;
import org.mbpo4j.api.Training;
import org.mbpo4j.policy.PolicyFile;
import org.mbpo4j.run.config.ConfigLoader;
import org.mbpo4j.run.config.RunConfig;
import org.mbpo4j.train.TrainListener;

/**
 * Example: train MBPO on Pendulum-v1 from Java, in memory, watch each evaluation, stop as soon as
 * one reaches a target return, and save the trained policy as a policy file.
 * Run: {@code java -cp ... org.mbpo4j.examples.StopAtTargetReturn [TARGET] [MAX_STEPS]}.
 */
public final class StopAtTargetReturn {
    private StopAtTargetReturn() {
    }

    /** Trains until an evaluation reaches {@code target} or {@code maxSteps} env steps pass. */
    public static Training.Result train(double target, long maxSteps) {
        TrainListener stopAtTarget = new TrainListener() {
            @Override
            public boolean onEvaluation(long envStep, double meanReturn, double stdReturn) {
                System.out.printf("step %d: evaluation %.1f +- %.1f%n", envStep, meanReturn, stdReturn);
                return meanReturn < target; // false: stop here
            }
        };
        // The options of the pendulum-mbpo preset (500 random steps, then MBPO with a 7-member model).
        RunConfig preset = ConfigLoader.load(Path.of("configs/pendulum-mbpo.yaml"), List.of());
        return Training.mbpo("Pendulum-v1")
                .options(preset)
                .steps(maxSteps)
                .evalEpisodes(3)
                .listener(stopAtTarget)
                .train();
    }

    public static void main(String[] args) {
        double target = args.length > 0 ? Double.parseDouble(args[0]) : -200;
        long maxSteps = args.length > 1 ? Long.parseLong(args[1]) : 5000;
        Training.Result r = train(target, maxSteps);
        System.out.printf("stopped after %d env steps, last evaluation %.1f%n", r.envSteps(), r.finalEvalReturn());
        PolicyFile.save(r.policy(), Path.of("pendulum.policy"));
    }
}
