package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mbpo4j.io.Json;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options {@code compare} and {@code sweep} share, and their one-line report. */
final class CampaignOptions {
    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "Seeds 0..N-1 per variant, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--steps", paramLabel = "N", description = "Shortcut for --set train.steps=N.")
    String steps;

    @Option(names = "--threshold", paramLabel = "RETURN",
            description = "Also report, per run, the first env step whose evaluation reached RETURN.")
    Double threshold;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: runs/<command>-...-<time>).")
    Path out;

    @Mixin
    SlurmOptions launcher = new SlurmOptions();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The seed count, checked. */
    int seeds() {
        if (seeds < 1 || seeds > 100) {
            throw new UserError("--seeds must be in [1, 100], got " + seeds);
        }
        return seeds;
    }

    /** {@code sets} plus {@code train.steps} when --steps was given. */
    List<String> overrides(List<String> sets) {
        List<String> o = new ArrayList<>(sets);
        if (steps != null) {
            o.add("train.steps=" + steps);
        }
        return o;
    }

    /** --out, else {@code runs/<prefix>-<time>}. */
    Path outOr(String prefix) {
        return out != null ? out : Path.of("runs",
                prefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** Runs the campaign (or, with --launcher slurm, hands it to Slurm) and prints its one JSON line. */
    int runAndReport(List<Campaign.Variant> variants, Path dir, String title, PrintWriter log, PrintWriter out) {
        if (launcher.slurm()) {
            return new SlurmLauncher(launcher, command.name(), log, out).launch(variants, seeds(), threshold, dir, title);
        }
        launcher.refuseWithoutSlurm();
        Map<String, Object> summary = new Campaign(variants, seeds(), dir, threshold, log).run(title);
        out.println(Json.line(Map.of("out", dir.toString(), "plot", dir.resolve(Campaign.PNG).toString(),
                "variants", summary.get("variants"))));
        out.flush();
        return 0;
    }
}
