package org.mbpo4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.io.AtomicFiles;
import org.mbpo4j.io.Json;

/**
 * What a campaign handed to Slurm is made of, kept in {@code OUT/slurm/campaign.json} so that
 * {@code compare --collect OUT} (or the same command run again) knows its runs without being
 * told: the command, the plot title, the variants (name, absolute config path, overrides), the
 * seed count, the threshold, and each submission's job id. Run {@code (variant v, seed s)} is
 * array task {@code v * seeds + s}.
 */
record CampaignPlan(String command, String title, List<Campaign.Variant> variants, int seeds, Double threshold,
        List<Submission> submissions) {

    /** The plan's file, under a campaign directory. */
    static final String FILE = "campaign.json";
    /** The folder of a campaign directory that holds the plan, the job script and the task logs. */
    static final String SLURM_DIR = "slurm";
    private static final int FORMAT = 1;

    /** One {@code sbatch} of the campaign: its job id, the array tasks it ran, and when. */
    record Submission(String jobId, String tasks, String submittedAt) {
    }

    /** Where a campaign directory keeps its plan. */
    static Path file(Path campaignDir) {
        return campaignDir.resolve(SLURM_DIR).resolve(FILE);
    }

    /** The number of runs, one array task each. */
    int tasks() {
        return variants.size() * seeds;
    }

    /** The variant of array task {@code task}. */
    Campaign.Variant variantOf(int task) {
        return variants.get(task / seeds);
    }

    /** The seed of array task {@code task}. */
    int seedOf(int task) {
        return task % seeds;
    }

    /** Whether {@code other} trains the same runs (same command, variants and seeds). */
    boolean sameRuns(CampaignPlan other) {
        return command.equals(other.command) && seeds == other.seeds && describe(variants).equals(describe(other.variants));
    }

    /** The plan with one more submission, made now. */
    CampaignPlan submitted(String jobId, String tasks) {
        List<Submission> all = new ArrayList<>(submissions);
        all.add(new Submission(jobId, tasks, OffsetDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        return new CampaignPlan(command, title, variants, seeds, threshold, all);
    }

    /** The plan with another threshold (the one the user gives now). */
    CampaignPlan withThreshold(Double t) {
        return new CampaignPlan(command, title, variants, seeds, t, submissions);
    }

    /** Writes the plan to {@code OUT/slurm/campaign.json}, atomically. */
    void write(Path campaignDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("command", command);
        m.put("title", title);
        m.put("seeds", seeds);
        m.put("threshold", threshold);
        m.put("variants", describe(variants));
        List<Map<String, Object>> subs = new ArrayList<>();
        for (Submission s : submissions) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("job_id", s.jobId());
            sm.put("tasks", s.tasks());
            sm.put("submitted_at", s.submittedAt());
            subs.add(sm);
        }
        m.put("submissions", subs);
        AtomicFiles.write(file(campaignDir), Json.pretty(m).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The plan of {@code campaignDir}; a directory that is not a campaign handed to Slurm, or
     * whose plan is damaged, is one message saying so.
     */
    @SuppressWarnings("unchecked")
    static CampaignPlan read(Path campaignDir, String option) {
        Path f = file(campaignDir);
        if (!Files.isDirectory(campaignDir)) {
            throw new UserError(option + " " + campaignDir + ": no such directory; give the --out directory of a"
                    + " compare or sweep run with --launcher slurm");
        }
        if (!Files.isRegularFile(f)) {
            String local = Files.isRegularFile(campaignDir.resolve(Campaign.SUMMARY))
                    ? " (it is a campaign run here, whose " + Campaign.CSV + " and " + Campaign.SUMMARY
                            + " its command wrote; run that command again to update them)" : "";
            throw new UserError(option + " " + campaignDir + ": not a campaign handed to Slurm (no " + f + ")" + local
                    + "; give the --out directory of a compare or sweep run with --launcher slurm");
        }
        try {
            Map<String, Object> m = Json.readMap(f);
            if (!(m.get("format") instanceof Number n) || n.intValue() != FORMAT) {
                throw new IllegalArgumentException("format " + m.get("format") + ", expected " + FORMAT);
            }
            List<Campaign.Variant> variants = new ArrayList<>();
            for (Map<String, Object> v : (List<Map<String, Object>>) m.get("variants")) {
                variants.add(new Campaign.Variant((String) v.get("name"), Path.of((String) v.get("config")),
                        List.copyOf((List<String>) v.get("overrides"))));
            }
            List<Submission> subs = new ArrayList<>();
            for (Map<String, Object> s : (List<Map<String, Object>>) m.get("submissions")) {
                subs.add(new Submission((String) s.get("job_id"), (String) s.get("tasks"), (String) s.get("submitted_at")));
            }
            Number threshold = (Number) m.get("threshold");
            int seeds = ((Number) m.get("seeds")).intValue();
            if (variants.isEmpty() || seeds < 1) {
                throw new IllegalArgumentException("no variants or seeds");
            }
            return new CampaignPlan((String) m.get("command"), (String) m.get("title"), variants, seeds,
                    threshold == null ? null : threshold.doubleValue(), subs);
        } catch (RuntimeException e) {
            throw new UserError(option + " " + campaignDir + ": its " + f + " is damaged (" + e.getMessage()
                    + "); it is written by compare or sweep with --launcher slurm");
        }
    }

    private static List<Map<String, Object>> describe(List<Campaign.Variant> variants) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Campaign.Variant v : variants) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("config", v.config().toString());
            m.put("overrides", v.overrides());
            out.add(m);
        }
        return out;
    }
}
