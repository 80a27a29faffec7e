package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.io.FaultPoint;

/**
 * {@code --launcher slurm} without a Slurm cluster: the job script and task table it writes, the
 * script's tasks run by hand (train, resume after a kill, end at once when complete), the
 * options checked, and submission and collection against stand-ins for {@code sbatch},
 * {@code squeue} and {@code sinfo}. {@link SlurmClusterTest} runs the same against a real Slurm.
 */
class SlurmLauncherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A random-agent config: 400 steps, an evaluation (and checkpoint) every {@code epoch} steps. */
    static Path randomConfig(Path dir, String name, int epoch) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, "env: Pendulum-v1\nalgo: random\ntrain:\n  steps: 400\n  epoch_length: " + epoch
                + "\n  eval_episodes: 1\n  checkpoint_every: 1\n  log_interval: 100\n");
        return f;
    }

    /** A tiny SAC config: 400 steps, learning from step 100, an evaluation and checkpoint every 100 steps. */
    static Path tinySacConfig(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, "env: Pendulum-v1\nalgo: sac\ntrain:\n  steps: 400\n  epoch_length: 100\n"
                + "  eval_episodes: 1\n  checkpoint_every: 1\n  log_interval: 100\n"
                + "sac:\n  hidden: [16, 16]\n  batch_size: 32\n  learning_starts: 100\n");
        return f;
    }

    private static void assertUserError(MainTest.Run r, String... parts) {
        assertEquals(2, r.code(), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' in: " + r.err());
        }
        assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void aDryRunPrintsAndWritesAJobScriptBashCanRead() throws Exception {
        Path a = randomConfig(tmp, "uniform", 100);
        Path b = randomConfig(tmp, "uniform2", 50);
        Path template = tmp.resolve("site.sbatch");
        Files.writeString(template, "#!/bin/bash\n#SBATCH --account=lab\n\nmodule load java/17\nexport A=1\n");
        Path mbpo = ChildMbpo.launcher(tmp.resolve("mbpo"), null, null, null);
        Path out = tmp.resolve("cmp");
        MainTest.Run r = MainTest.mbpo("compare", "--configs", a + "," + b, "--seeds", "2", "--out", out.toString(),
                "--set", "train.steps=300", "--launcher", "slurm", "--dry-run", "--partition", "debug", "--time", "0:30:00",
                "--cpus-per-task", "2", "--mem", "2g", "--gpus", "a100:1", "--sbatch", "--qos=short",
                "--sbatch-template", template.toString(), "--mbpo-command", mbpo.toString());
        assertEquals(0, r.code(), r.err());
        Path script = out.resolve("slurm/campaign.sbatch");
        assertEquals(Files.readString(script), r.out(), "--dry-run prints the script it wrote");
        assertTrue(r.err().contains("not submitted (--dry-run)") && r.err().contains("sbatch " + script), r.err());
        ChildMbpo.Result syntax = ChildMbpo.run(List.of("bash", "-n", script.toString()), Map.of(), null);
        assertEquals(0, syntax.code(), "bash -n: " + syntax.err());

        List<String> lines = Files.readAllLines(script);
        assertEquals("#!/bin/bash", lines.get(0));
        List<String> directives = lines.stream().filter(l -> l.startsWith("#SBATCH")).toList();
        assertEquals(List.of("#SBATCH --job-name=mbpo-compare-cmp", "#SBATCH --array=0-3",
                "#SBATCH --output=" + out.toAbsolutePath() + "/slurm/%A_%a.out", "#SBATCH --open-mode=append",
                "#SBATCH --requeue", "#SBATCH --partition=debug", "#SBATCH --time=0:30:00",
                "#SBATCH --cpus-per-task=2", "#SBATCH --mem=2G", "#SBATCH --gpus=a100:1", "#SBATCH --qos=short",
                "#SBATCH --account=lab"), directives);
        int lastDirective = lines.indexOf("#SBATCH --account=lab");
        int firstCommand = lines.indexOf("set -euo pipefail");
        assertTrue(lastDirective < firstCommand, "sbatch reads #SBATCH lines only before the first command");
        assertTrue(lines.subList(0, lastDirective).stream().allMatch(l -> l.startsWith("#")),
                "nothing but comments above the last #SBATCH line");
        assertTrue(lines.contains("mbpo='" + mbpo + "'"), "the launcher of the install, quoted");
        int setup = lines.indexOf("module load java/17");
        assertTrue(setup > firstCommand && setup < lines.indexOf("export A=1") && lines.indexOf("export A=1")
                < lines.stream().filter(l -> l.startsWith("task=")).map(lines::indexOf).findFirst().orElseThrow(),
                "the site's set-up runs before the task");
        assertEquals(0, lines.lastIndexOf("#!/bin/bash"), "the template's #! line is not copied");

        assertEquals(List.of("# task\tconfig\tseed\trun_dir\tconfig_file\tset...",
                "0\tuniform\t0\t" + out.toAbsolutePath().resolve("uniform/seed0") + "\t" + a + "\ttrain.steps=300",
                "1\tuniform\t1\t" + out.toAbsolutePath().resolve("uniform/seed1") + "\t" + a + "\ttrain.steps=300",
                "2\tuniform2\t0\t" + out.toAbsolutePath().resolve("uniform2/seed0") + "\t" + b + "\ttrain.steps=300",
                "3\tuniform2\t1\t" + out.toAbsolutePath().resolve("uniform2/seed1") + "\t" + b + "\ttrain.steps=300"),
                Files.readAllLines(out.resolve("slurm/tasks.tsv")));
        JsonNode plan = JSON.readTree(out.resolve("slurm/campaign.json").toFile());
        assertEquals("compare", plan.get("command").asText());
        assertEquals(2, plan.get("seeds").asInt());
        assertEquals(0, plan.get("submissions").size());
        assertFalse(Files.exists(out.resolve("uniform")), "nothing trained");
    }

    @Test
    void aSweepGoesToSlurmAsOneTaskPerValueAndSeed() throws Exception {
        Path a = randomConfig(tmp, "base", 100);
        Path mbpo = ChildMbpo.launcher(tmp.resolve("mbpo"), null, null, null);
        Path out = tmp.resolve("sweep");
        MainTest.Run r = MainTest.mbpo("sweep", "-c", a.toString(), "--set", "train.eval_episodes=1,2", "--set",
                "train.epoch_length=50", "--seeds", "2", "--out", out.toString(), "--launcher", "slurm", "--dry-run",
                "--mbpo-command", mbpo.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("#SBATCH --job-name=mbpo-sweep-sweep\n#SBATCH --array=0-3\n"), r.out());
        Path abs = out.toAbsolutePath();
        assertEquals(List.of("# task\tconfig\tseed\trun_dir\tconfig_file\tset...",
                "0\ttrain.eval_episodes=1\t0\t" + abs.resolve("train.eval_episodes=1/seed0") + "\t" + a
                        + "\ttrain.epoch_length=50\ttrain.eval_episodes=1",
                "1\ttrain.eval_episodes=1\t1\t" + abs.resolve("train.eval_episodes=1/seed1") + "\t" + a
                        + "\ttrain.epoch_length=50\ttrain.eval_episodes=1",
                "2\ttrain.eval_episodes=2\t0\t" + abs.resolve("train.eval_episodes=2/seed0") + "\t" + a
                        + "\ttrain.epoch_length=50\ttrain.eval_episodes=2",
                "3\ttrain.eval_episodes=2\t1\t" + abs.resolve("train.eval_episodes=2/seed1") + "\t" + a
                        + "\ttrain.epoch_length=50\ttrain.eval_episodes=2"),
                Files.readAllLines(out.resolve("slurm/tasks.tsv")));
        JsonNode plan = JSON.readTree(out.resolve("slurm/campaign.json").toFile());
        assertEquals("sweep", plan.get("command").asText());
        assertEquals("base: train.eval_episodes", plan.get("title").asText());
    }

    /**
     * Each task of the script, run by hand as Slurm would run it: it trains its run; killed
     * mid-run and run again, it resumes from the checkpoint to the same evaluations as a local
     * campaign; run once more, it ends at once. Paths with spaces and quotes reach mbpo intact.
     */
    @Test
    void aTaskTrainsResumesAfterAKillAndEndsAtOnceWhenComplete() throws Exception {
        Path a = randomConfig(tmp.resolve("it's configs"), "uniform", 100);
        Path mbpo = ChildMbpo.launcher(tmp.resolve("mbpo"), null, null, null);
        Path out = tmp.resolve("cmp");
        MainTest.Run dry = MainTest.mbpo("compare", "--configs", a.toString(), "--seeds", "2", "--out", out.toString(),
                "--launcher", "slurm", "--dry-run", "--mbpo-command", mbpo.toString(), "--set", "train.eval_episodes=2");
        assertEquals(0, dry.code(), dry.err());
        String script = out.resolve("slurm/campaign.sbatch").toString();
        Map<String, String> task1 = new HashMap<>(Map.of("SLURM_ARRAY_TASK_ID", "1"));
        task1.put("MBPO4J_JAVA_OPTS", "-Dmbpo4j.fault=" + FaultPoint.CHECKPOINT_JSON_RENAMED + ":2");
        ChildMbpo.Result killed = ChildMbpo.run(List.of("bash", script), task1, null);
        assertEquals(FaultPoint.HALT_STATUS, killed.code(), killed.out() + killed.err());
        assertTrue(killed.out().contains("mbpo task 1: uniform seed 1") && killed.out().contains("exit status 86"),
                killed.out());
        task1.remove("MBPO4J_JAVA_OPTS");
        ChildMbpo.Result resumed = ChildMbpo.run(List.of("bash", script), task1, null);
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("resuming after step 200"), resumed.out() + resumed.err());
        ChildMbpo.Result again = ChildMbpo.run(List.of("bash", script), task1, null);
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("is complete"), again.out());
        assertFalse(again.out().contains("mbpo train"), "a complete run starts no training: " + again.out());

        Path local = tmp.resolve("local");
        MainTest.Run l = MainTest.mbpo("compare", "--configs", a.toString(), "--seeds", "2", "--out", local.toString(),
                "--set", "train.eval_episodes=2");
        assertEquals(0, l.code(), l.err());
        assertEquals(Files.readString(local.resolve("uniform/seed1/eval.csv")),
                Files.readString(out.resolve("uniform/seed1/eval.csv")));

        ChildMbpo.Result noSuchTask = ChildMbpo.run(List.of("bash", script), Map.of("SLURM_ARRAY_TASK_ID", "7"), null);
        assertEquals(2, noSuchTask.code());
        assertTrue(noSuchTask.err().contains("mbpo task 7: no line for it in"), noSuchTask.err());
        Map<String, String> noTask = new HashMap<>();
        noTask.put("SLURM_ARRAY_TASK_ID", null);
        ChildMbpo.Result outsideSlurm = ChildMbpo.run(List.of("bash", script), noTask, null);
        assertTrue(outsideSlurm.code() != 0 && outsideSlurm.err().contains("submit this script with sbatch"),
                outsideSlurm.err());
    }

    @Test
    void slurmOptionsAreCheckedAndOnlyTakenWithTheSlurmLauncher() throws Exception {
        Path a = randomConfig(tmp, "uniform", 100);
        Path mbpo = ChildMbpo.launcher(tmp.resolve("mbpo"), null, null, null);
        String out = tmp.resolve("cmp").toString();
        List<String> base = List.of("compare", "--configs", a.toString(), "--out", out, "--launcher", "slurm",
                "--dry-run", "--mbpo-command", mbpo.toString());
        assertUserError(MainTest.mbpo(with(base, "--time", "2 hours")), "--time must be MINUTES", "got '2 hours'");
        assertUserError(MainTest.mbpo(with(base, "--mem", "lots")), "--mem must be a size", "got 'LOTS'");
        assertUserError(MainTest.mbpo(with(base, "--gpus", "one")), "--gpus must be a count", "got 'one'");
        assertUserError(MainTest.mbpo(with(base, "--partition", "a b")), "--partition must be a partition name",
                "got 'a b'");
        assertUserError(MainTest.mbpo(with(base, "--cpus-per-task", "0")), "--cpus-per-task must be at least 1, got 0");
        assertUserError(MainTest.mbpo(with(base, "--sbatch", "account=x")), "'account=x' is not an sbatch option");
        assertUserError(MainTest.mbpo(with(base, "--sbatch=--array=0-9")), "--array is set by the launcher");
        Path template = tmp.resolve("site");
        Files.writeString(template, "#SBATCH --output=/elsewhere/%j.out\n");
        assertUserError(MainTest.mbpo(with(base, "--sbatch-template", template.toString())),
                "--sbatch-template " + template + " line 1: --output is set by the launcher");
        assertUserError(MainTest.mbpo(with(base, "--sbatch-template", tmp.resolve("none").toString())),
                "--sbatch-template " + tmp.resolve("none") + ": no such file");
        assertUserError(MainTest.mbpo("compare", "--configs", a.toString(), "--out", out, "--launcher", "slurm",
                "--mbpo-command", tmp.resolve("nope").toString()), "--mbpo-command " + tmp.resolve("nope")
                + " is not an executable file");
        assertUserError(MainTest.mbpo("compare", "--configs", a.toString(), "--out", out, "--launcher", "slurm",
                "--dry-run"), "not started by ./mbpo (no mbpo4j.home)", "--mbpo-command PATH");
        assertUserError(MainTest.mbpo("compare", "--configs", a.toString(), "--out", out, "--time", "10"),
                "--time is an option of the Slurm launcher: add --launcher slurm");
        assertUserError(MainTest.mbpo("sweep", "-c", a.toString(), "--set", "train.eval_episodes=1,2", "--out", out,
                "--dry-run"), "--dry-run is an option of the Slurm launcher");
        MainTest.Run pbs = MainTest.mbpo("compare", "--configs", a.toString(), "--out", out, "--launcher", "pbs");
        assertEquals(2, pbs.code());
        assertTrue(pbs.err().contains("Invalid value for option '--launcher': expected one of [local, slurm]"), pbs.err());
        assertUserError(MainTest.mbpo("compare", "--configs", a.toString(), "--out", tmp.resolve("with space").toString(),
                "--launcher", "slurm", "--dry-run", "--mbpo-command", mbpo.toString()),
                "cannot be named in the job script's #SBATCH --output line");
        assertUserError(MainTest.mbpo("compare", "--configs", a.toString(), "--out", out, "--launcher", "slurm",
                "--dry-run", "--mbpo-command", mbpo.toString(), "--set", "train.nope=1"), "train.nope");
        assertFalse(Files.exists(Path.of(out)), "nothing written");
        assertUserError(MainTest.mbpo("compare", "--seeds", "2"), "Missing required option: '--configs=A,B,...'");

        assertEquals(0, MainTest.mbpo(base.toArray(new String[0])).code());
        assertUserError(MainTest.mbpo(with(base, "--seeds", "5")), out + " holds another campaign",
                "mbpo compare --collect " + out);
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void collectRefusesWhatIsNotACampaignHandedToSlurm() throws Exception {
        Path none = tmp.resolve("none");
        assertUserError(MainTest.mbpo("compare", "--collect", none.toString()), "--collect " + none
                + ": no such directory", "--out directory of a compare or sweep run with --launcher slurm");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertUserError(MainTest.mbpo("compare", "--collect", empty.toString()), "--collect " + empty
                + ": not a campaign handed to Slurm (no " + empty.resolve("slurm/campaign.json") + ")");
        Path local = Files.createDirectories(tmp.resolve("local"));
        Files.writeString(local.resolve("compare.json"), "{}");
        assertUserError(MainTest.mbpo("compare", "--collect", local.toString()), "it is a campaign run here");
        Path damaged = Files.createDirectories(tmp.resolve("damaged/slurm"));
        Files.writeString(damaged.resolve("campaign.json"), "{\"format\": 1, \"variants\": ");
        assertUserError(MainTest.mbpo("compare", "--collect", damaged.getParent().toString()),
                "its " + damaged.resolve("campaign.json") + " is damaged");
        assertUserError(MainTest.mbpo("compare", "--collect", empty.toString(), "--configs", "a,b"),
                "--configs cannot be combined with it (only --threshold)");
    }

    /** Stand-ins for Slurm's commands in {@code bin}: sbatch prints {@code sbatch}, exits {@code code}, and records its arguments. */
    private static Path fakeSlurm(Path bin, int code, String stdout, String stderr, String squeue) throws Exception {
        Files.createDirectories(bin);
        write(bin.resolve("sbatch"), "#!/bin/bash\nprintf '%s\\n' \"$@\" > " + SlurmScript.quote(bin.resolve("sbatch.args")
                .toString()) + "\nprintf '%s' " + SlurmScript.quote(stdout) + "\nprintf '%s' " + SlurmScript.quote(stderr)
                + " >&2\nexit " + code + "\n");
        write(bin.resolve("sinfo"), "#!/bin/bash\nprintf 'debug*\\nlong\\n'\n");
        if (squeue != null) {
            write(bin.resolve("squeue"), "#!/bin/bash\nprintf '%s' " + SlurmScript.quote(squeue) + "\n");
        }
        return bin;
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void withoutSbatchOrWithASbatchThatRefusesTheJobItIsOneMessage() throws Exception {
        Path a = randomConfig(tmp, "uniform", 100);
        Path mbpo = ChildMbpo.launcher(tmp.resolve("mbpo"), null, null, null);
        Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
        String[] args = {"compare", "--configs", a.toString(), "--out", tmp.resolve("cmp").toString(), "--launcher",
            "slurm", "--mbpo-command", mbpo.toString(), "--partition", "nope"};
        ChildMbpo.Result noSbatch = ChildMbpo.mbpo(Map.of("PATH", emptyBin.toString()), args);
        assertEquals(2, noSbatch.code(), noSbatch.err());
        assertEquals("mbpo compare: --launcher slurm submits with Slurm's sbatch, which is not on PATH (" + emptyBin
                + "): run this where Slurm's commands are (a login node of the cluster), or give --dry-run to only"
                + " write the job script, or use --launcher local", noSbatch.err().strip());
        assertFalse(Files.exists(tmp.resolve("cmp")), "nothing written without sbatch");

        Path bin = fakeSlurm(tmp.resolve("bin"), 1, "", "sbatch: error: invalid partition specified: nope\n"
                + "sbatch: error: Batch job submission failed: Invalid partition name specified\n", null);
        ChildMbpo.Result refused = ChildMbpo.mbpo(Map.of("PATH", bin.toString()), args);
        assertEquals(2, refused.code(), refused.err());
        assertEquals(1, refused.err().strip().split("\n").length, refused.err());
        assertTrue(refused.err().startsWith("mbpo compare: sbatch refused the job array "
                + tmp.resolve("cmp/slurm/campaign.sbatch") + " (exit 1): sbatch: error: invalid partition specified: nope"),
                refused.err());
        assertTrue(refused.err().contains("partitions here (* the default): debug*, long"), refused.err());
        assertFalse(refused.err().contains("Exception"), refused.err());
    }

    /**
     * Submitted (to a stand-in sbatch) and collected (with a stand-in squeue): each run's state,
     * its task and log tail, the compare files from the complete runs only, and the command that
     * reruns the failed and missing ones.
     */
    @Test
    void aSubmittedCampaignIsCollectedWithEachRunsState() throws Exception {
        Path a = randomConfig(tmp, "uniform", 100);
        Path b = randomConfig(tmp, "uniform2", 50);
        Path mbpo = ChildMbpo.launcher(tmp.resolve("mbpo"), null, null, null);
        Path out = tmp.resolve("cmp");
        Path script = out.toAbsolutePath().resolve("slurm/campaign.sbatch");
        String queue = "4242|0|RUNNING|" + script + "\n4242|1|PENDING|" + script + "\n99|2|RUNNING|/elsewhere/x.sbatch\n"
                + "100|N/A|RUNNING|" + script + "\n";
        Path bin = fakeSlurm(tmp.resolve("bin"), 0, "4242;cluster\n", "", queue);
        String[] args = {"compare", "--configs", a + "," + b, "--seeds", "3", "--out", out.toString(), "--launcher",
            "slurm", "--mbpo-command", mbpo.toString(), "--threshold", "-2000"};
        // Task 3 (uniform2 seed 0) was trained before, here: it is kept, and the other five are submitted.
        MainTest.Run trained = MainTest.mbpo("train", "-c", b.toString(), "--seed", "0", "--out",
                out.resolve("uniform2/seed0").toString(), "-q");
        assertEquals(0, trained.code(), trained.err());
        ChildMbpo.Result submitted = ChildMbpo.mbpo(Map.of("PATH", bin.toString()), args);
        assertEquals(0, submitted.code(), submitted.err());
        JsonNode line = JSON.readTree(submitted.out());
        assertEquals("4242", line.get("job_id").asText());
        assertEquals("0-2,4-5", line.get("tasks").asText());
        assertEquals(List.of("--parsable", "--array=0-2,4-5", script.toString()),
                Files.readAllLines(bin.resolve("sbatch.args")));
        assertTrue(submitted.err().contains("  uniform2 seed 0: complete, kept"), submitted.err());
        assertTrue(submitted.err().contains("submitted job 4242, array tasks 0-2,4-5 (5 of 6 runs)"), submitted.err());
        assertEquals("4242", JSON.readTree(out.resolve("slurm/campaign.json").toFile()).get("submissions").get(0)
                .get("job_id").asText());

        // Task 0 is running and task 1 pending (says squeue); task 2 ran and failed; tasks 4 and 5 never started.
        Files.writeString(out.resolve("slurm/4242_2.out"), "mbpo task 2: uniform seed 2, job 4242_2, attempt 1\n"
                + "mbpo train: something went wrong\n\nmbpo task 2: exit status 1 at 2024-01-01 00:00:00\n");

        ChildMbpo.Result collected = ChildMbpo.mbpo(Map.of("PATH", bin.toString()), args);
        assertEquals(0, collected.code(), collected.err());
        String err = collected.err();
        assertTrue(err.contains("was handed to Slurm before (job 4242); collecting it"), err);
        assertTrue(err.contains(": 1 of 6 runs complete; compare.csv, compare.png and compare.json written from those"),
                err);
        assertTrue(err.contains("  uniform seed 0 (array task 0, job 4242_0): running, no log yet"), err);
        assertTrue(err.contains("  uniform seed 1 (array task 1, job 4242_1): pending, no log yet"), err);
        assertTrue(err.contains("  uniform seed 2 (array task 2, job 4242_2): failed; " + out.resolve("slurm/4242_2.out")
                + " ends:\n      | mbpo task 2: uniform seed 2, job 4242_2, attempt 1\n      | mbpo train: something went"
                + " wrong\n      | mbpo task 2: exit status 1 at 2024-01-01 00:00:00\n"), err);
        assertTrue(err.contains("  uniform2 seed 1 (array task 4): missing, no log yet"), err);
        assertTrue(err.contains("rerun the failed and missing runs (each resumes from its last checkpoint) with: sbatch"
                + " --array=2,4-5 " + script), err);
        JsonNode report = JSON.readTree(collected.out());
        assertEquals(1, report.get("complete").asInt());
        List<String> states = new ArrayList<>();
        report.get("incomplete").forEach(r -> states.add(r.get("task").asInt() + " " + r.get("state").asText()));
        assertEquals(List.of("0 running", "1 pending", "2 failed", "4 missing", "5 missing"), states);
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals(1 + 8, csv.size(), "uniform2's one complete run, evaluated every 50 steps: " + csv);
        assertTrue(csv.stream().skip(1).allMatch(l -> l.startsWith("uniform2,") && l.endsWith(",1")), csv.toString());
        JsonNode summary = JSON.readTree(out.resolve("compare.json").toFile());
        assertEquals(0, summary.get("variants").get("uniform").size());
        assertEquals(50, summary.get("variants").get("uniform2").get(0).get("first_step_at_threshold").asInt());
        assertEquals(5, summary.get("incomplete_runs").size());

        // Without squeue the states of the runs not complete cannot be told apart, and it says so.
        Files.delete(bin.resolve("squeue"));
        ChildMbpo.Result blind = ChildMbpo.mbpo(Map.of("PATH", bin.toString()), "compare", "--collect", out.toString());
        assertEquals(0, blind.code(), blind.err());
        assertTrue(blind.err().contains("Slurm's squeue is not on PATH"), blind.err());
        assertTrue(blind.err().contains("  uniform seed 0 (array task 0): not complete, no log yet"), blind.err());
    }
}
