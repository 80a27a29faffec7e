package org.mbpo4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mbpo compare}: several configs over seeds, their evaluation returns against env steps and wall time. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare configs over seeds: their evaluation returns against env steps and wall time.",
            "Trains each config with seeds 0..N-1 and plots the mean +- std evaluation return",
            "(MPC runs: the return of every training episode).",
            "Writes OUT/<config>/seed<s>/ (normal run directories; complete ones are kept and not rerun),",
            "OUT/compare.csv/.png (vs env steps), OUT/compare-wall.csv/.png (vs wall seconds), OUT/compare.json."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--configs", required = true, paramLabel = "A,B,...",
            description = "Comma-separated YAML files or preset names, e.g. pendulum-sac,pendulum-mbpo.")
    String configs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key in every config (repeatable).")
    List<String> sets = new ArrayList<>();

    @Mixin
    CampaignOptions campaign;

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
            variants.add(new Campaign.Variant(shortName, file, campaign.overrides(sets)));
        }
        return campaign.runAndReport(variants, campaign.outOr("compare"), String.join(" vs ", names(variants)),
                spec.commandLine().getErr(), spec.commandLine().getOut());
    }

    private static List<String> names(List<Campaign.Variant> variants) {
        return variants.stream().map(Campaign.Variant::name).toList();
    }
}
