package org.mbpo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mbpo4j.env.CheckReport;
import org.mbpo4j.env.EnvChecker;
import org.mbpo4j.env.EnvSpec;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.ReferenceReplay;
import org.mbpo4j.env.box2d.Box2dReplay;
import org.mbpo4j.env.mujoco.MujocoReplay;
import org.mbpo4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mbpo check-env ID}: API conformance checks (like Stable-Baselines3's env checker), or
 * with {@code --reference DIR} a replay of Gymnasium's recorded trajectories. Exit status 0
 * iff everything passed.
 */
@Command(name = "check-env", mixinStandardHelpOptions = true,
        description = {"Check an environment's API conformance, or its fidelity to Gymnasium.",
            "Without --reference: spaces, shapes, determinism, bad actions, rules (like SB3's check_env).",
            "With --reference DIR: replays trajectories recorded from the real Gymnasium.",
            "Exit status 0 iff every check passed."})
final class CheckEnvCommand implements Callable<Integer> {
    /** Most --steps: the checks keep every step (with the env's state) for the rules checks. */
    static final int MAX_STEPS = 100_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Environment id (see `mbpo envs`).")
    String id;

    @Option(names = "--reference", paramLabel = "DIR",
            description = {"Directory of recorded Gymnasium trajectories: <id>.jsonl (e.g. src/test/resources/gymref/setA;",
                "for the MuJoCo ids src/test/resources/mujocoref/setA),",
                "or meta.json + seed<k>.csv (+ contacts_seed<k>.csv) for the landers and BipedalWalker-v3",
                "(e.g. src/test/resources/box2dref/zero_actions, ../shared/box2dref/walker_random)."})
    Path reference;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for the conformance checks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "1000", paramLabel = "N",
            description = "Random steps taken by the conformance checks, 1 to " + MAX_STEPS
                    + " (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        EnvSpec envSpec = Envs.spec(id);
        CliPolicies.requireAvailable(id);
        if (steps < 1 || steps > MAX_STEPS) {
            throw new UserError("--steps must be in [1, " + MAX_STEPS + "], got " + steps);
        }
        if (reference != null) {
            for (String option : new String[] {"--seed", "--steps"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new UserError(option + " applies to the conformance checks, not to --reference"
                            + " (a replay follows the recorded actions)");
                }
            }
            if (Box2dReplay.isBox2dReference(reference)) {
                return replayBox2d(out);
            }
            if (MujocoReplay.isMujocoReference(reference, id)) {
                return replayMujoco(out);
            }
            ReferenceReplay.Report r;
            try {
                r = ReferenceReplay.run(id, reference);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            if (json) {
                out.println(Json.line(r.toJsonMap()));
            } else {
                out.printf("%s against %s: %d cases, %d steps%n", id, r.file(), r.cases(), r.steps());
                out.printf("  one-step: max state err %.3g, max obs err %.3g, max reward err %.3g%n",
                        r.maxStateErr(), r.maxObsErr(), r.maxRewardErr());
                out.printf("  open loop: max obs err %.3g; flag mismatches %d%n", r.openLoopMaxObsErr(), r.flagMismatches());
                out.println(r.pass() ? "PASS" : "FAIL");
            }
            out.flush();
            return finish(r.pass(), r.problems());
        }
        CheckReport report = EnvChecker.check(envSpec, seed, steps);
        out.println(json ? Json.line(report.toJsonMap()) : report.toText().stripTrailing());
        out.flush();
        return report.passed() ? 0 : 1;
    }

    /** Prints a failed replay's first discrepancies on stderr; the exit status. */
    private int finish(boolean pass, java.util.List<String> problems) {
        if (!pass) {
            PrintWriter err = spec.commandLine().getErr();
            problems.forEach(p -> err.println("  " + p));
            err.flush();
        }
        return pass ? 0 : 1;
    }

    /** Replays a mujocoref directory (<id>.jsonl with MuJoCo states); exit 0 iff it passes. */
    private int replayMujoco(PrintWriter out) throws IOException {
        MujocoReplay.Report r;
        try {
            r = MujocoReplay.run(id, reference);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (json) {
            out.println(Json.line(r.toJsonMap()));
        } else {
            out.printf("%s against %s (MuJoCo %s, %s): %d cases, %d steps%n", id, r.file(), r.version(), r.library(),
                    r.cases(), r.steps());
            out.printf("  teacher forced: max state err %.3g, max obs err %.3g, max reward err %.3g, max info err %.3g%n",
                    r.maxStateErr(), r.maxObsErr(), r.maxRewardErr(), r.maxInfoErr());
            out.printf("  open loop: %d steps, max obs err %.3g; flag mismatches %d%n", r.openLoopSteps(),
                    r.openLoopMaxObsErr(), r.flagMismatches());
            out.println(r.pass() ? "PASS" : "FAIL");
        }
        out.flush();
        return finish(r.pass(), r.problems());
    }

    /** Replays a box2dref directory (meta.json + seed<k>.csv, lander or walker); exit 0 iff it passes. */
    private int replayBox2d(PrintWriter out) {
        Box2dReplay.Report r;
        try {
            r = Box2dReplay.run(id, reference);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        if (json) {
            out.println(Json.line(r.toJsonMap()));
        } else {
            out.printf("%s against %s: %d cases, %d steps%n", id, reference, r.cases().size(), r.steps());
            r.lines().forEach(l -> out.println("  " + l));
            out.println(r.pass() ? "PASS" : "FAIL");
        }
        out.flush();
        return r.pass() ? 0 : 1;
    }
}
