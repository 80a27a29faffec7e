package org.mbpo4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mbpo sweep}: one config, one key over several values, seeds 0..N-1, plotted as {@code compare} does. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Sweep one config key over several values and seeds, plotted as compare does.",
            "Trains the config with the key set to each value, with seeds 0..N-1.",
            "Example: --set mbpo.real_ratio=0,0.05,0.25,0.5,1 (exactly one --set has several values).",
            "Writes OUT/<key=value>/seed<s>/, OUT/compare.csv/.png, OUT/compare-wall.csv/.png and OUT/compare.json."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE|PRESET", defaultValue = TrainCommand.DEFAULT_PRESET,
            description = "A YAML file, or the name of a preset in configs/ (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--set", paramLabel = "KEY=V1,V2,...", required = true,
            description = "Overrides; exactly one gives several comma-separated values to sweep (repeatable).")
    List<String> sets = new ArrayList<>();

    @Mixin
    CampaignOptions campaign;

    @Override
    public Integer call() {
        Path file = TrainCommand.ConfigFiles.resolve(config);
        String swept = null;
        List<String> values = null;
        List<String> fixed = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--set must be KEY=VALUE or KEY=V1,V2,..., got '" + s + "'");
            }
            List<String> vs = splitTopLevel(s.substring(eq + 1));
            if (vs.size() > 1) {
                if (swept != null) {
                    throw new UserError("only one --set may have several values; " + swept + " and "
                            + s.substring(0, eq) + " both do");
                }
                swept = s.substring(0, eq);
                values = vs;
            } else {
                fixed.add(s);
            }
        }
        if (swept == null) {
            throw new UserError("give one --set KEY=V1,V2,... with several values to sweep, e.g."
                    + " --set mbpo.real_ratio=0,0.05,0.25,0.5,1");
        }
        List<Campaign.Variant> variants = new ArrayList<>();
        for (String v : values) {
            List<String> o = campaign.overrides(fixed);
            o.add(swept + "=" + v);
            variants.add(new Campaign.Variant(swept + "=" + v, file, o));
        }
        return campaign.runAndReport(variants, campaign.outOr("sweep-" + Campaign.safe(swept)),
                file.getFileName().toString().replaceFirst("\\.yaml$", "") + ": " + swept,
                spec.commandLine().getErr(), spec.commandLine().getOut());
    }

    /** Splits on commas outside brackets and quotes: {@code 0,[64,64],'a,b'} gives three values. */
    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(cur.toString().strip());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString().strip());
        return out;
    }
}
