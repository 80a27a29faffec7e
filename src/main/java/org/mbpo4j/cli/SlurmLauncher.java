package org.mbpo4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mbpo4j.io.AtomicFiles;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.run.config.ConfigLoader;

/**
 * {@code --launcher slurm}: hands a campaign to Slurm as one job array and returns. It writes
 * {@code OUT/slurm/campaign.json} (the plan, see {@link CampaignPlan}), {@code tasks.tsv} and
 * {@code campaign.sbatch} (see {@link SlurmScript}), submits the script with {@code sbatch} (only
 * the runs not yet complete), prints the job id and returns; the tasks train into
 * {@code OUT/<variant>/seed<s>} as a local campaign would, on a filesystem the nodes share.
 *
 * <p>The same command run again on a campaign already submitted collects it (see
 * {@link CampaignStatus}) instead of submitting it twice; on a directory holding another
 * campaign it is refused. Run directories are checked as the local launcher checks them:
 * complete ones are kept, incomplete ones must be of the same config, and a directory with files
 * but no run is refused.
 */
final class SlurmLauncher {
    /** How long sbatch may take to answer (it retries an unreachable controller for a while). */
    private static final Duration SBATCH_TIMEOUT = Duration.ofMinutes(2);

    private final SlurmOptions options;
    private final String command;
    private final PrintWriter log;
    private final PrintWriter out;

    /**
     * @param command {@code compare} or {@code sweep}, the command the campaign came from
     * @param log where progress and notes go (stderr)
     * @param out where the one result line goes (stdout)
     */
    SlurmLauncher(SlurmOptions options, String command, PrintWriter log, PrintWriter out) {
        this.options = options;
        this.command = command;
        this.log = log;
        this.out = out;
    }

    /** Writes the job array of the campaign and submits it (or, with --dry-run, prints it); returns the exit status. */
    int launch(List<Campaign.Variant> variants, int seeds, Double threshold, Path dir, String title) {
        Path campaignDir = dir.toAbsolutePath().normalize();
        Path slurmDir = campaignDir.resolve(CampaignPlan.SLURM_DIR);
        List<Campaign.Variant> absolute = new ArrayList<>();
        for (Campaign.Variant v : variants) {
            absolute.add(new Campaign.Variant(v.name(), v.config().toAbsolutePath().normalize(), v.overrides()));
        }
        CampaignPlan plan = new CampaignPlan(command, title, absolute, seeds, threshold, List.of());
        if (Files.isRegularFile(CampaignPlan.file(campaignDir))) {
            CampaignPlan earlier = CampaignPlan.read(dir, "--out");
            if (!earlier.sameRuns(plan)) {
                throw new UserError(dir + " holds another campaign (its " + CampaignPlan.file(campaignDir)
                        + " names other configs, overrides or seeds): give another --out, or collect that one with"
                        + " mbpo compare --collect " + dir);
            }
            plan = earlier.withThreshold(threshold);
            if (!earlier.submissions().isEmpty() && !options.dryRun) {
                log.println("mbpo " + command + ": " + dir + " was handed to Slurm before (job "
                        + earlier.submissions().get(earlier.submissions().size() - 1).jobId() + "); collecting it");
                log.flush();
                plan.write(campaignDir);
                return CampaignStatus.collect(dir, plan, log, out, command);
            }
        }
        List<String> sbatchOptions = new ArrayList<>(options.sbatchLines());
        SlurmOptions.SiteTemplate site = options.siteTemplate();
        sbatchOptions.addAll(site.sbatch());
        Path mbpo = options.mbpoCommand();
        for (Campaign.Variant v : plan.variants()) {
            List<String> overrides = new ArrayList<>(v.overrides());
            overrides.add("seed=0");
            ConfigLoader.load(v.config(), overrides); // a config mistake is reported now, not by every task
        }
        Campaign layout = new Campaign(plan.variants(), seeds, campaignDir, threshold, log);
        List<SlurmScript.Task> tasks = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int t = 0; t < plan.tasks(); t++) {
            Campaign.Variant v = plan.variantOf(t);
            int s = plan.seedOf(t);
            Path runDir = layout.runDir(v, s);
            tasks.add(new SlurmScript.Task(t, v.name(), s, runDir, v.config(), v.overrides()));
            if (Campaign.completeRun(runDir)) {
                log.println("  " + v.name() + " seed " + s + ": complete, kept (" + runDir + ")");
                continue;
            }
            if (Files.isRegularFile(runDir.resolve(RunDirectory.CONFIG))) {
                Campaign.requireSameRun(v, s, runDir);
                log.println("  " + v.name() + " seed " + s + ": incomplete, its task will resume it (" + runDir + ")");
            } else if (Files.exists(runDir) && !Campaign.isEmptyDir(runDir)) {
                throw new UserError(runDir + " holds files but no run (no " + RunDirectory.CONFIG
                        + "): delete it, then run this again");
            }
            pending.add(t);
        }
        // Before anything is written: without sbatch there is nothing to submit with.
        Path sbatch = options.dryRun || pending.isEmpty() ? null : sbatch();
        String jobName = "mbpo-" + command + "-" + Campaign.safe(campaignDir.getFileName() == null ? "campaign"
                : campaignDir.getFileName().toString());
        String script = SlurmScript.script(title, command, slurmDir, campaignDir, plan.tasks(), jobName, sbatchOptions,
                site.setup(), mbpo, Path.of("").toAbsolutePath());
        Path scriptFile = slurmDir.resolve(SlurmScript.SCRIPT);
        AtomicFiles.writeString(slurmDir.resolve(SlurmScript.TASKS), SlurmScript.tasksTable(tasks));
        AtomicFiles.writeString(scriptFile, script);
        plan.write(campaignDir);
        String array = ranges(pending);
        if (options.dryRun) {
            out.print(script);
            out.flush();
            log.println("mbpo " + command + ": wrote " + scriptFile + " and " + SlurmScript.TASKS + " (" + plan.tasks()
                    + " runs); not submitted (--dry-run). Submit with: sbatch "
                    + (pending.size() < plan.tasks() && !pending.isEmpty() ? "--array=" + array + " " : "") + scriptFile);
            log.flush();
            return 0;
        }
        if (pending.isEmpty()) {
            log.println("mbpo " + command + ": every run of " + dir + " is complete; nothing to submit, collecting it");
            log.flush();
            return CampaignStatus.collect(dir, plan, log, out, command);
        }
        String jobId = submit(sbatch, scriptFile, pending.size() < plan.tasks() ? array : null);
        plan.submitted(jobId, array).write(campaignDir);
        log.println("mbpo " + command + ": submitted job " + jobId + ", array tasks " + array + " (" + pending.size()
                + " of " + plan.tasks() + " runs); logs in " + slurmDir + "/" + jobId + "_<task>.out");
        log.println("mbpo " + command + ": see which runs are done, and compare them, with: mbpo compare --collect " + dir);
        log.flush();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("out", dir.toString());
        line.put("launcher", "slurm");
        line.put("job_id", jobId);
        line.put("tasks", array);
        line.put("script", scriptFile.toString());
        out.println(Json.line(line));
        out.flush();
        return 0;
    }

    /** Slurm's sbatch on PATH; its absence is one message. */
    private static Path sbatch() {
        Path sbatch = onPath("sbatch");
        if (sbatch == null) {
            throw new UserError("--launcher slurm submits with Slurm's sbatch, which is not on PATH ("
                    + System.getenv("PATH") + "): run this where Slurm's commands are (a login node of the cluster),"
                    + " or give --dry-run to only write the job script, or use --launcher local");
        }
        return sbatch;
    }

    /** Runs {@code sbatch --parsable [--array=...] script} and returns the job id; a refusal is one message. */
    private String submit(Path sbatch, Path script, String array) {
        List<String> cmd = new ArrayList<>(List.of(sbatch.toString(), "--parsable"));
        if (array != null) {
            cmd.add("--array=" + array);
        }
        cmd.add(script.toString());
        Result r = run(cmd, SBATCH_TIMEOUT);
        if (r.timedOut()) {
            throw new UserError("sbatch did not answer within " + SBATCH_TIMEOUT.toMinutes() + " minutes (is Slurm's"
                    + " controller reachable? " + r.err().strip() + "); nothing was submitted, run this again later");
        }
        if (r.code() != 0) {
            throw new UserError("sbatch refused the job array " + script + " (exit " + r.code() + "): "
                    + r.err().strip().replace('\n', ' ') + partitionsHint()
                    + "; fix the option it names and run this again");
        }
        String first = r.out().strip().split("\n")[0];
        String jobId = first.split(";")[0].strip();
        if (!jobId.matches("\\d+")) {
            throw new UserError("sbatch accepted " + script + " but printed no job id (it printed '" + r.out().strip()
                    + "'); see its queue with squeue --me");
        }
        return jobId;
    }

    /** "; partitions here: a, b*" from sinfo, when it can tell; empty otherwise. */
    private static String partitionsHint() {
        Path sinfo = onPath("sinfo");
        if (sinfo == null) {
            return "";
        }
        Result r = run(List.of(sinfo.toString(), "--noheader", "--format=%P"), Duration.ofSeconds(30));
        if (r.timedOut() || r.code() != 0 || r.out().isBlank()) {
            return "";
        }
        return "; partitions here (* the default): " + String.join(", ", r.out().strip().split("\\s+"));
    }

    /** {@code 0-2,5,7-8} for [0, 1, 2, 5, 7, 8]. */
    static String ranges(List<Integer> ids) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            int start = ids.get(i);
            int end = start;
            while (i + 1 < ids.size() && ids.get(i + 1) == end + 1) {
                end = ids.get(++i);
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(start);
            if (end > start) {
                b.append('-').append(end);
            }
        }
        return b.toString();
    }

    /** The executable {@code name} in a directory of PATH, or null. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** What a command printed and its exit status; {@code timedOut} if it was stopped for taking too long. */
    record Result(int code, String out, String err, boolean timedOut) {
    }

    /** Runs a command with this process's environment, no input, and a time limit. */
    static Result run(List<String> cmd, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + cmd.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, stdout.getNow(""), stderr.getNow(""), true);
            }
            return new Result(p.exitValue(), stdout.join(), stderr.join(), false);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + cmd.get(0) + " ran", e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
