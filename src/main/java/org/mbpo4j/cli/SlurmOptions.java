package org.mbpo4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of {@code compare} and {@code sweep} that choose where a campaign's runs train:
 * here, one after another ({@code --launcher local}, the default), or as one Slurm job array
 * ({@code --launcher slurm}) with the job's resources. Each value is checked here, so that a
 * mistake is one message naming it before anything is written or submitted.
 */
final class SlurmOptions {
    /** Where a campaign's runs train. */
    enum Launcher {
        /** In this process, one after another. */
        local,
        /** As one Slurm job array, one task per run. */
        slurm
    }

    /** Options that {@code sbatch} receives from the launcher itself and that may not be given again. */
    private static final List<String> SET_BY_LAUNCHER = List.of("--array", "-a", "--output", "-o", "--error", "-e",
            "--open-mode");

    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*");
    private static final Pattern TIME = Pattern.compile(
            "\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d{1,2}|\\d+-\\d{1,2}:\\d{1,2}|\\d+-\\d{1,2}:\\d{1,2}:\\d{1,2}"
                    + "|UNLIMITED|INFINITE");
    private static final Pattern MEMORY = Pattern.compile("\\d+[KMGT]?");
    private static final Pattern GPUS = Pattern.compile("([A-Za-z0-9_.-]+:)?\\d+");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--launcher", paramLabel = "local|slurm", defaultValue = "local",
            description = "Where the runs train: local (here, one after another; default) or slurm (one sbatch job"
                    + " array, one task per config and seed, submitted and left to run; see docs/cluster.md).")
    Launcher launcher;

    @Option(names = "--partition", paramLabel = "NAME", description = "slurm: the partition (#SBATCH --partition).")
    String partition;

    @Option(names = "--time", paramLabel = "LIMIT",
            description = "slurm: each task's time limit, e.g. 90 (minutes), 4:00:00 or 1-12:00:00 (#SBATCH --time).")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "N",
            description = "slurm: CPUs per task (#SBATCH --cpus-per-task).")
    Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "SIZE", description = "slurm: memory per task, e.g. 4G (#SBATCH --mem).")
    String mem;

    @Option(names = "--gpus", paramLabel = "[TYPE:]N",
            description = "slurm: GPUs per task, e.g. 1 or a100:1 (#SBATCH --gpus).")
    String gpus;

    @Option(names = "--sbatch", paramLabel = "OPTION",
            description = "slurm: any other sbatch option for each task, e.g. --account=proj (repeatable).")
    List<String> sbatchOptions = new ArrayList<>();

    @Option(names = "--sbatch-template", paramLabel = "FILE",
            description = "slurm: a site's lines for every task: its #SBATCH lines join the script's, its other lines"
                    + " (module load ..., export ...) run before the task.")
    Path template;

    @Option(names = "--mbpo-command", paramLabel = "PATH",
            description = "slurm: the mbpo launcher the tasks run (default: this install's mbpo), for nodes that see"
                    + " the install at another path.")
    Path mbpoCommand;

    @Option(names = "--dry-run", description = "slurm: write the job script (and print it), but do not submit it.")
    boolean dryRun;

    /** Whether the campaign goes to Slurm. */
    boolean slurm() {
        return launcher == Launcher.slurm;
    }

    /** Refuses an option of the Slurm launcher given without {@code --launcher slurm}. */
    void refuseWithoutSlurm() {
        var given = command == null ? null : command.commandLine().getParseResult();
        if (given == null) {
            return;
        }
        for (String option : List.of("--partition", "--time", "--cpus-per-task", "--mem", "--gpus", "--sbatch",
                "--sbatch-template", "--mbpo-command", "--dry-run")) {
            if (given.hasMatchedOption(option)) {
                throw new UserError(option + " is an option of the Slurm launcher: add --launcher slurm, or leave "
                        + option + " out to train here (--launcher local, the default)");
            }
        }
    }

    /**
     * The {@code #SBATCH} options these values give, checked, in the order they appear in the
     * script: partition, time, CPUs, memory, GPUs, then the {@code --sbatch} ones.
     */
    List<String> sbatchLines() {
        List<String> lines = new ArrayList<>();
        if (partition != null) {
            lines.add("--partition=" + require("--partition", partition, PARTITION,
                    "a partition name (letters, digits, '_', '.', '-'), or several separated by commas"));
        }
        if (time != null) {
            lines.add("--time=" + require("--time", time, TIME,
                    "MINUTES, MINUTES:SECONDS, HOURS:MINUTES:SECONDS, DAYS-HOURS[:MINUTES[:SECONDS]] or UNLIMITED"));
        }
        if (cpusPerTask != null) {
            if (cpusPerTask < 1) {
                throw new UserError("--cpus-per-task must be at least 1, got " + cpusPerTask);
            }
            lines.add("--cpus-per-task=" + cpusPerTask);
        }
        if (mem != null) {
            lines.add("--mem=" + require("--mem", mem.toUpperCase(Locale.ROOT), MEMORY,
                    "a size in megabytes, or with a unit K, M, G or T, e.g. 4G"));
        }
        if (gpus != null) {
            lines.add("--gpus=" + require("--gpus", gpus, GPUS, "a count, or TYPE:COUNT, e.g. 1 or a100:1"));
        }
        for (String o : sbatchOptions) {
            lines.add(sbatchOption("--sbatch " + o, o));
        }
        return lines;
    }

    /** A site's template: its {@code #SBATCH} options (without the prefix) and the set-up lines run before each task. */
    record SiteTemplate(List<String> sbatch, List<String> setup) {
    }

    /** The {@code --sbatch-template} file's lines, checked and split; empty when none is given. */
    SiteTemplate siteTemplate() {
        List<String> sbatch = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        if (template == null) {
            return new SiteTemplate(sbatch, setup);
        }
        if (!Files.isRegularFile(template)) {
            throw new UserError("--sbatch-template " + template + ": no such file (give a file of #SBATCH lines"
                    + " and set-up commands such as 'module load java/17')");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(template);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new UserError("--sbatch-template " + template + ": cannot be read as text (" + e.getMessage() + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            if (i == 0 && line.startsWith("#!")) {
                continue; // the script has its own first line
            }
            if (line.startsWith("#SBATCH")) {
                sbatch.add(sbatchOption("--sbatch-template " + template + " line " + (i + 1), line));
            } else {
                setup.add(line);
            }
        }
        while (!setup.isEmpty() && setup.get(setup.size() - 1).isBlank()) {
            setup.remove(setup.size() - 1);
        }
        while (!setup.isEmpty() && setup.get(0).isBlank()) {
            setup.remove(0);
        }
        return new SiteTemplate(sbatch, setup);
    }

    /** One sbatch option, with or without its {@code #SBATCH} prefix, checked; returned without the prefix. */
    private static String sbatchOption(String where, String given) {
        String o = given.strip();
        if (o.startsWith("#SBATCH")) {
            o = o.substring("#SBATCH".length()).strip();
        }
        if (!o.startsWith("-") || o.contains("\n") || o.contains("\r")) {
            throw new UserError(where + ": '" + given + "' is not an sbatch option; give one such as --account=NAME"
                    + " or --qos=NAME");
        }
        String name = o.split("[=\\s]", 2)[0];
        if (SET_BY_LAUNCHER.contains(name)) {
            throw new UserError(where + ": " + name + " is set by the launcher (one array task per run, logs in"
                    + " OUT/slurm/ where --collect reads them); leave it out");
        }
        return o;
    }

    private static String require(String option, String value, Pattern allowed, String what) {
        if (!allowed.matcher(value).matches()) {
            throw new UserError(option + " must be " + what + ", got '" + value + "'");
        }
        return value;
    }

    /**
     * The mbpo launcher the tasks run: {@code --mbpo-command}, else the {@code mbpo} script of
     * the install this process was started from.
     */
    Path mbpoCommand() {
        Path p;
        if (mbpoCommand != null) {
            p = mbpoCommand;
        } else {
            String home = System.getProperty("mbpo4j.home");
            if (home == null) {
                throw new UserError("--launcher slurm needs the mbpo launcher its tasks run, and this process was"
                        + " not started by ./mbpo (no mbpo4j.home): start it with ./mbpo, or give --mbpo-command PATH");
            }
            p = Path.of(home, "mbpo");
        }
        p = p.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new UserError((mbpoCommand != null ? "--mbpo-command " : "the mbpo launcher ") + p
                    + " is not an executable file: give --mbpo-command with the path of mbpo4j's mbpo script"
                    + " (as the cluster's nodes see it)");
        }
        return p;
    }
}
