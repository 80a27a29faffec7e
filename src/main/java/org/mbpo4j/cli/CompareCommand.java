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
            "OUT/compare.csv/.png (vs env steps), OUT/compare-wall.csv/.png (vs wall seconds), OUT/compare.json.",
            "With --launcher slurm the runs go to Slurm as one job array; --collect OUT compares those complete."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--configs", paramLabel = "A,B,...",
            description = "Comma-separated YAML files or preset names, e.g. pendulum-sac,pendulum-mbpo (required).")
    String configs;

    @Option(names = "--collect", paramLabel = "OUT",
            description = "Compare the complete runs of a campaign handed to Slurm (compare or sweep with"
                    + " --launcher slurm and --out OUT), and list the others: pending, running, failed, missing.")
    Path collect;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key in every config (repeatable).")
    List<String> sets = new ArrayList<>();

    @Mixin
    CampaignOptions campaign;

    @Override
    public Integer call() {
        if (collect != null) {
            return collectCampaign();
        }
        if (configs == null) {
            throw new UserError("Missing required option: '--configs=A,B,...' (or --collect OUT)");
        }
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

    /** {@code --collect OUT}: the campaign's own plan says what its runs are; only --threshold may change. */
    private int collectCampaign() {
        var given = spec.commandLine().getParseResult();
        for (var option : given.matchedOptions()) {
            String name = option.longestName();
            if (!name.equals("--collect") && !name.equals("--threshold")) {
                throw new UserError("--collect OUT reads the campaign from OUT/slurm/" + CampaignPlan.FILE + "; " + name
                        + " cannot be combined with it (only --threshold)");
            }
        }
        CampaignPlan plan = CampaignPlan.read(collect, "--collect");
        if (given.hasMatchedOption("--threshold")) {
            plan = plan.withThreshold(campaign.threshold);
        }
        return CampaignStatus.collect(collect, plan, spec.commandLine().getErr(), spec.commandLine().getOut(), "compare");
    }

    private static List<String> names(List<Campaign.Variant> variants) {
        return variants.stream().map(Campaign.Variant::name).toList();
    }
}
