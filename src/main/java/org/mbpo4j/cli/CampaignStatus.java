package org.mbpo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mbpo4j.io.Json;

/**
 * {@code compare --collect OUT}: where the runs of a campaign handed to Slurm are, and the
 * comparison of those that are complete. Each run is {@code complete} (its summary says so), or
 * in Slurm's queue ({@code pending}, {@code running}, ... as {@code squeue} says), or
 * {@code failed} (not complete, not queued, and its task has a log: it ran and stopped), or
 * {@code missing} (no log: never started). {@code compare.csv/png}, {@code compare-wall.csv/png}
 * and {@code compare.json} are written from the complete runs, exactly as a local campaign
 * writes them once every run is complete; the others are listed with their array task, job and
 * the tail of their log.
 */
final class CampaignStatus {
    /** How many lines of a task's log the report shows. */
    static final int TAIL_LINES = 5;
    private static final Pattern LOG_NAME = Pattern.compile("(\\d+)_(\\d+)\\.out");
    private static final Duration SQUEUE_TIMEOUT = Duration.ofSeconds(60);

    /** A task in Slurm's queue: its array job id and state. */
    record Queued(String arrayJobId, String state) {
    }

    /** What Slurm's queue holds of the campaign's script, by array task; {@code note} says why it could not be asked. */
    record Queue(Map<Integer, Queued> tasks, String note) {
    }

    /** One run's state, with its task's newest log and that log's last lines. */
    record RunState(int task, String variant, int seed, Path runDir, String state, String job, Path log,
            List<String> tail) {
    }

    private CampaignStatus() {
    }

    /** Collects the campaign in {@code dir}: the comparison of its complete runs, and where the others are. */
    static int collect(Path dir, CampaignPlan plan, PrintWriter log, PrintWriter out, String command) {
        Path slurmDir = dir.resolve(CampaignPlan.SLURM_DIR);
        Path script = slurmDir.resolve(SlurmScript.SCRIPT);
        Queue queue = queue(script);
        Campaign campaign = new Campaign(plan.variants(), plan.seeds(), dir, plan.threshold(), log);
        List<RunState> states = new ArrayList<>();
        int complete = 0;
        for (int t = 0; t < plan.tasks(); t++) {
            Campaign.Variant v = plan.variantOf(t);
            int s = plan.seedOf(t);
            Path runDir = campaign.runDir(v, s);
            Path taskLog = newestLog(slurmDir, t);
            Queued q = queue.tasks().get(t);
            String state;
            if (Campaign.completeRun(runDir)) {
                state = "complete";
                complete++;
            } else if (q != null) {
                state = q.state();
            } else if (queue.note() != null) {
                state = "not complete";
            } else {
                state = taskLog != null ? "failed" : "missing";
            }
            String job = q != null ? q.arrayJobId() + "_" + t
                    : taskLog != null ? logJob(taskLog) + "_" + t : null;
            states.add(new RunState(t, v.name(), s, runDir, state, job, taskLog,
                    state.equals("complete") || taskLog == null ? List.of() : tail(taskLog, TAIL_LINES)));
        }
        Map<String, Object> summary = complete > 0 ? campaign.aggregateComplete(plan.title()) : null;
        report(dir, plan, states, complete, queue, script, log, command);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("out", dir.toString());
        line.put("plot", summary == null ? null : dir.resolve(Campaign.PNG).toString());
        line.put("runs", plan.tasks());
        line.put("complete", complete);
        List<Map<String, Object>> others = new ArrayList<>();
        for (RunState r : states) {
            if (!r.state().equals("complete")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("variant", r.variant());
                m.put("seed", r.seed());
                m.put("task", r.task());
                m.put("state", r.state());
                m.put("job", r.job());
                m.put("log", r.log() == null ? null : r.log().toString());
                others.add(m);
            }
        }
        line.put("incomplete", others);
        line.put("variants", summary == null ? Map.of() : summary.get("variants"));
        out.println(Json.line(line));
        out.flush();
        return 0;
    }

    private static void report(Path dir, CampaignPlan plan, List<RunState> states, int complete, Queue queue,
            Path script, PrintWriter log, String command) {
        String who = "mbpo " + command + ": ";
        log.println(who + dir + ": " + complete + " of " + plan.tasks() + " runs complete"
                + (complete == 0 ? "; nothing to compare yet"
                : "; " + Campaign.CSV + ", " + Campaign.PNG + " and " + Campaign.SUMMARY + " written from "
                        + (complete == plan.tasks() ? "all of them" : "those")));
        if (queue.note() != null) {
            log.println(who + queue.note());
        }
        List<Integer> rerun = new ArrayList<>();
        for (RunState r : states) {
            if (r.state().equals("complete")) {
                continue;
            }
            log.println("  " + r.variant() + " seed " + r.seed() + " (array task " + r.task()
                    + (r.job() == null ? "" : ", job " + r.job()) + "): " + r.state()
                    + (r.log() == null ? ", no log yet" : "; " + r.log() + (r.tail().isEmpty() ? " is empty" : " ends:")));
            for (String l : r.tail()) {
                log.println("      | " + l);
            }
            if (r.state().equals("failed") || r.state().equals("missing")) {
                rerun.add(r.task());
            }
        }
        if (!rerun.isEmpty()) {
            log.println(who + "rerun the failed and missing runs (each resumes from its last checkpoint) with: sbatch --array="
                    + SlurmLauncher.ranges(rerun) + " " + script.toAbsolutePath().normalize());
        }
        log.flush();
    }

    /** Slurm's queue for the tasks of {@code script} (this user's jobs), or a note saying why it could not be asked. */
    static Queue queue(Path script) {
        Path squeue = SlurmLauncher.onPath("squeue");
        if (squeue == null) {
            return new Queue(Map.of(), "Slurm's squeue is not on PATH, so runs still queued or running cannot be told"
                    + " from failed ones: those not complete are listed as 'not complete'");
        }
        SlurmLauncher.Result r = SlurmLauncher.run(List.of(squeue.toString(), "--noheader", "--array",
                "--user=" + System.getProperty("user.name"), "--format=%F|%K|%T|%o"), SQUEUE_TIMEOUT);
        if (r.timedOut() || r.code() != 0) {
            return new Queue(Map.of(), "squeue failed (" + (r.timedOut() ? "no answer" : "exit " + r.code()) + ": "
                    + r.err().strip().replace('\n', ' ') + "), so runs not complete are listed as 'not complete'");
        }
        List<String> names = new ArrayList<>(List.of(script.toAbsolutePath().normalize().toString()));
        try {
            names.add(script.toRealPath().toString());
        } catch (IOException e) {
            // no real path to add: the script is gone, its tasks cannot be recognised by it
        }
        Map<Integer, Queued> tasks = new HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.strip().split("\\|", 4);
            if (f.length < 4 || !f[1].matches("\\d+") || !names.contains(f[3].strip())) {
                continue;
            }
            String state = f[2].strip().toLowerCase(Locale.ROOT);
            if (state.equals("completing") || state.equals("configuring")) {
                state = "running";
            }
            int task = Integer.parseInt(f[1]);
            Queued earlier = tasks.get(task);
            // A task queued twice (submitted again by hand): a running one is the one to report.
            if (earlier == null || !earlier.state().equals("running")) {
                tasks.put(task, new Queued(f[0].strip(), state));
            }
        }
        return new Queue(tasks, null);
    }

    /** The newest log of array task {@code task} under {@code slurmDir} ({@code <job>_<task>.out}), or null. */
    static Path newestLog(Path slurmDir, int task) {
        if (!Files.isDirectory(slurmDir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(slurmDir)) {
            Path newest = null;
            long newestTime = Long.MIN_VALUE;
            for (Path f : files.toList()) {
                Matcher m = LOG_NAME.matcher(f.getFileName().toString());
                if (!m.matches() || Integer.parseInt(m.group(2)) != task) {
                    continue;
                }
                long time = Files.getLastModifiedTime(f).toMillis();
                if (newest == null || time > newestTime) {
                    newest = f;
                    newestTime = time;
                }
            }
            return newest;
        } catch (IOException e) {
            return null;
        }
    }

    private static String logJob(Path taskLog) {
        Matcher m = LOG_NAME.matcher(taskLog.getFileName().toString());
        return m.matches() ? m.group(1) : "?";
    }

    /** The last {@code n} non-blank lines of a file (read from its last 16 KiB). */
    static List<String> tail(Path file, int n) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - 16384);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            List<String> lines = new ArrayList<>();
            for (String l : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
                if (!l.isBlank()) {
                    lines.add(l.stripTrailing());
                }
            }
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }
}
