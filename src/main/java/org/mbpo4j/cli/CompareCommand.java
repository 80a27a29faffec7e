package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mbpo4j.run.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mbpo compare}: several configs over seeds, one plot of their evaluation returns. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare configs over seeds: one plot of their evaluation returns.",
            "Trains each config with seeds 0..N-1 and plots the mean +- std evaluation return.",
            "Writes OUT/<config>/seed<s>/ (normal run directories; complete ones are kept and not rerun),",
            "OUT/compare.csv, OUT/compare.png and OUT/compare.json."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--configs", required = true, paramLabel = "A,B,...",
            description = "Comma-separated YAML files or preset names, e.g. pendulum-sac,pendulum-mbpo.")
    String configs;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "Seeds 0..N-1 per config, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key in every config (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", description = "Shortcut for --set train.steps=N.")
    String steps;

    @Option(names = "--threshold", paramLabel = "RETURN",
            description = "Also report, per run, the first env step whose evaluation reached RETURN.")
    Double threshold;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/compare-<time>).")
    Path out;

    @Override
    public Integer call() {
        List<Campaign.Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String c : configs.split(",")) {
            String name = c.strip();
            if (name.isEmpty()) {
                throw new UserError("--configs has an empty entry: " + configs);
            }
            Path file = TrainCommand.ConfigFiles.resolve(name);
            String shortName = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (!names.add(shortName)) {
                throw new UserError("--configs names " + shortName + " twice");
            }
            variants.add(new Campaign.Variant(shortName, file, overrides(sets, steps)));
        }
        checkSeeds(seeds);
        Path dir = out != null ? out : Path.of("runs", "compare-" + now());
        return report(new Campaign(variants, seeds, dir, threshold, log()).run(String.join(" vs ", names(variants))),
                dir);
    }

    static List<String> overrides(List<String> sets, String steps) {
        List<String> o = new ArrayList<>(sets);
        if (steps != null) {
            o.add("train.steps=" + steps);
        }
        return o;
    }

    static void checkSeeds(int seeds) {
        if (seeds < 1 || seeds > 100) {
            throw new UserError("--seeds must be in [1, 100], got " + seeds);
        }
    }

    static String now() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private static List<String> names(List<Campaign.Variant> variants) {
        return variants.stream().map(Campaign.Variant::name).toList();
    }

    private PrintWriter log() {
        return spec.commandLine().getErr();
    }

    private int report(Map<String, Object> summary, Path dir) {
        PrintWriter o = spec.commandLine().getOut();
        o.println(Json.line(Map.of("out", dir.toString(), "plot", dir.resolve(Campaign.PNG).toString(),
                "variants", summary.get("variants"))));
        o.flush();
        return 0;
    }
}
