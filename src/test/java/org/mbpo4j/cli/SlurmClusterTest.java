package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mbpo4j.io.FaultPoint;

/**
 * {@code --launcher slurm} against a real one-node Slurm cluster ({@link LocalSlurm}): a 2-config
 * x 2-seed campaign of tiny runs (a random agent, and SAC) is submitted, one task's training dies mid-run and
 * the task is requeued with {@code scontrol requeue}, and the campaign collected equals the same
 * campaign run locally. Skipped, with one line saying why, where Debian's {@code slurm-wlm} and
 * {@code munge} are not installed; under {@value LocalSlurm#REQUIRE} (CI) that fails instead.
 */
class SlurmClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalSlurm slurm;
    private static Path work;

    @BeforeAll
    static void startCluster() throws Exception {
        String why = LocalSlurm.whyNot();
        if (why != null) {
            if (System.getenv(LocalSlurm.REQUIRE) != null) {
                fail(LocalSlurm.REQUIRE + " is set, so the Slurm test must run, but there is " + why);
            }
            System.err.println("Slurm test skipped: " + why);
            Assumptions.assumeTrue(false, "Slurm test skipped: " + why);
        }
        work = Files.createTempDirectory("mbpo-slurm-test");
        slurm = LocalSlurm.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            if (slurm != null) {
                slurm.close();
            }
        } finally {
            if (work != null) {
                try (Stream<Path> files = Files.walk(work)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /**
     * The campaign through Slurm: task 3 (SAC, seed 1)'s first attempt dies after its second checkpoint (the
     * fault point halts the JVM, as kill -9 would) and then hangs, still running; collect lists it
     * with its job and log; {@code scontrol requeue} kills it and runs it again, and the second
     * attempt resumes from the checkpoint. Collected, compare.csv and the runs' returns in
     * compare.json equal those of the same campaign run here (wall-clock figures aside).
     */
    @Test
    void aCampaignRunsOnSlurmSurvivesARequeueAndCollectsToTheLocalResults() throws Exception {
        Path configs = work.resolve("configs");
        Path a = SlurmLauncherTest.randomConfig(configs, "uniform", 100);
        Path b = SlurmLauncherTest.tinySacConfig(configs, "sac");
        Path hung = work.resolve("task3-hung");
        Path mbpo = ChildMbpo.launcher(work.resolve("mbpo"), 3, FaultPoint.CHECKPOINT_JSON_RENAMED + ":2", hung);
        Path out = work.resolve("cmp");
        String[] args = {"compare", "--configs", a + "," + b, "--seeds", "2", "--out", out.toString(), "--threshold",
            "-2000", "--launcher", "slurm", "--mbpo-command", mbpo.toString(), "--time", "10", "--cpus-per-task", "1"};
        ChildMbpo.Result submitted = ChildMbpo.mbpo(slurm.env(), args);
        assertEquals(0, submitted.code(), submitted.err());
        String job = JSON.readTree(submitted.out()).get("job_id").asText();
        assertTrue(submitted.err().contains("submitted job " + job + ", array tasks 0-3 (4 of 4 runs)"), submitted.err());

        slurm.waitFor("tasks 0-2 to finish and task 3 to hang", Duration.ofSeconds(150),
                () -> Files.exists(hung) && slurm.queue().equals(List.of("3 RUNNING")));
        ChildMbpo.Result midway = ChildMbpo.mbpo(slurm.env(), "compare", "--collect", out.toString());
        assertEquals(0, midway.code(), midway.err());
        Path log3 = out.resolve("slurm/" + job + "_3.out");
        assertTrue(midway.err().contains(": 3 of 4 runs complete;"), midway.err());
        assertTrue(midway.err().contains("  sac seed 1 (array task 3, job " + job + "_3): running; " + log3
                + " ends:"), midway.err());
        assertTrue(midway.err().contains("| test launcher: training halted (exit " + FaultPoint.HALT_STATUS + ")"),
                midway.err());
        assertTrue(Files.readAllLines(out.resolve("compare.csv")).stream().anyMatch(l -> l.startsWith("sac,")
                && l.endsWith(",1")), "sac from its one complete seed");

        ChildMbpo.Result requeue = slurm.slurm("scontrol", "requeue", job + "_3");
        assertEquals(0, requeue.code(), requeue.err());
        slurm.waitFor("the requeued task to finish", Duration.ofSeconds(120), () -> slurm.queue().isEmpty());
        String log = Files.readString(log3);
        assertTrue(log.contains("DUE TO JOB REQUEUE"), log);
        assertTrue(log.contains("mbpo task 3: sac seed 1, job " + job + "_3, attempt 2"), log);
        assertTrue(log.contains("resuming after step 200"), "the second attempt resumes from the checkpoint: " + log);
        List<String> lines = Files.readAllLines(log3);
        assertTrue(lines.get(lines.size() - 1).startsWith("mbpo task 3: exit status 0 at "), log);

        ChildMbpo.Result collected = ChildMbpo.mbpo(slurm.env(), args);
        assertEquals(0, collected.code(), collected.err());
        assertTrue(collected.err().contains("was handed to Slurm before (job " + job + "); collecting it"),
                collected.err());
        assertTrue(collected.err().contains(": 4 of 4 runs complete; compare.csv, compare.png and compare.json written"
                + " from all of them"), collected.err());

        Path local = work.resolve("local");
        MainTest.Run here = MainTest.mbpo("compare", "--configs", a + "," + b, "--seeds", "2", "--out", local.toString(),
                "--threshold", "-2000");
        assertEquals(0, here.code(), here.err());
        assertEquals(Files.readString(local.resolve("compare.csv")), Files.readString(out.resolve("compare.csv")));
        assertEquals(returns(local), returns(out));
    }

    /** Per run of compare.json: variant, seed, curve, final and best return, first step at the threshold. */
    private static List<String> returns(Path campaign) throws Exception {
        JsonNode summary = JSON.readTree(campaign.resolve("compare.json").toFile());
        List<String> rows = new ArrayList<>();
        summary.get("variants").fields().forEachRemaining(v -> v.getValue().forEach(r -> rows.add(v.getKey() + " "
                + r.get("seed") + " " + r.get("curve") + " " + r.get("final_eval_return") + " " + r.get("best_eval_return")
                + " " + r.get("first_step_at_threshold"))));
        assertEquals(4, rows.size(), rows.toString());
        return rows;
    }

    @Test
    void sbatchAcceptsTheDryRunScriptAndARefusalIsOneMessage() throws Exception {
        Path a = SlurmLauncherTest.randomConfig(work.resolve("configs2"), "uniform", 100);
        Path mbpo = ChildMbpo.launcher(work.resolve("mbpo2"), null, null, null);
        Path out = work.resolve("dry");
        ChildMbpo.Result dry = ChildMbpo.mbpo(slurm.env(), "compare", "--configs", a.toString(), "--seeds", "2", "--out",
                out.toString(), "--launcher", "slurm", "--mbpo-command", mbpo.toString(), "--dry-run", "--time", "5",
                "--mem", "100M", "--sbatch", "--comment=mbpo4j-test");
        assertEquals(0, dry.code(), dry.err());
        ChildMbpo.Result test = slurm.slurm("sbatch", "--test-only", out.resolve("slurm/campaign.sbatch").toString());
        assertEquals(0, test.code(), test.err());
        assertTrue(test.err().contains("to start at"), test.err());
        assertTrue(slurm.queue().isEmpty(), "--test-only submits nothing");

        ChildMbpo.Result refused = ChildMbpo.mbpo(slurm.env(), "compare", "--configs", a.toString(), "--out",
                work.resolve("refused").toString(), "--launcher", "slurm", "--mbpo-command", mbpo.toString(),
                "--partition", "nope");
        assertEquals(2, refused.code(), refused.err());
        assertEquals(1, refused.err().strip().split("\n").length, refused.err());
        assertTrue(refused.err().contains("sbatch refused the job array") && refused.err().contains("nope")
                && refused.err().contains("partitions here (* the default): debug*"), refused.err());
    }
}
