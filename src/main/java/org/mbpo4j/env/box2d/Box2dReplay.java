package org.mbpo4j.env.box2d;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mbpo4j.env.RecordedCases;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.io.TextFiles;

/**
 * Replays Box2D trajectories recorded from the real Gymnasium (the {@code box2dref} format: a
 * {@code meta.json} with each seed's random draws, one {@code seed<k>.csv} per episode with the
 * actions and what Gymnasium observed, and optionally {@code contacts_seed<k>.csv} listing the
 * ground contacts after each step). Each episode runs a fresh env fed the recorded draws and
 * actions (open loop) and compares observations, rewards and terminated flags with the recording.
 * The recorded {@code env} picks the replay: {@link LanderReplay} for both landers,
 * {@link WalkerReplay} for {@code BipedalWalker-v3}.
 *
 * <p>Pass: over the reset and the first {@link #EARLY_STEPS} steps of every case, every
 * observation within {@link #OBS_TOL} and every reward within {@link #REWARD_TOL}, and the same
 * terminated flags. Later steps are reported, not judged: the first step whose observation error
 * exceeds {@link #OBS_TOL}, and the errors over the steps where the recording lists a ground
 * contact (jbox2d is a port of an older Box2D; once bodies touch the ground, small differences
 * in contact handling grow, as the walker's and a resting lander's dynamics are chaotic).
 */
public final class Box2dReplay {
    /** The steps judged by the pass criterion. */
    public static final int EARLY_STEPS = 20;
    /** Observation tolerance (max abs difference of any component). */
    public static final double OBS_TOL = 1e-3;
    /** Reward tolerance. */
    public static final double REWARD_TOL = 1e-2;
    /** The meta file that marks a box2dref directory. */
    public static final String META = "meta.json";

    private static final Pattern CASE_FILE = Pattern.compile("seed(\\d+)\\.csv");

    /**
     * One case's result.
     *
     * @param seed              the recorded seed
     * @param steps             steps replayed
     * @param maxObsErr20       max observation error over the reset and the first 20 steps
     * @param maxObsErr         max observation error over all steps
     * @param maxRewardErr20    max reward error over the first 20 steps
     * @param maxRewardErr      max reward error over all steps
     * @param firstStepOver     first step whose observation error exceeds {@link #OBS_TOL} (0 = the
     *                          reset; null if none)
     * @param flagMismatch      first step whose terminated flag differs (null if none)
     * @param firstContactStep  first step after which the recording lists a ground contact (0 = the
     *                          reset; null if none or no contacts file)
     * @param contactSteps      replayed steps (the reset included) after which the recording lists a
     *                          ground contact
     * @param maxObsErrContact  max observation error over those steps (0 if none)
     * @param maxObsErrContact20 max observation error over the first 20 of those steps
     */
    public record CaseResult(int seed, int steps, double maxObsErr20, double maxObsErr, double maxRewardErr20,
                             double maxRewardErr, Integer firstStepOver, Integer flagMismatch,
                             Integer firstContactStep, int contactSteps, double maxObsErrContact,
                             double maxObsErrContact20) {
        /** The early-steps criterion of the class comment. */
        public boolean pass() {
            return maxObsErr20 <= OBS_TOL && maxRewardErr20 <= REWARD_TOL
                    && (flagMismatch == null || flagMismatch > EARLY_STEPS);
        }
    }

    /** The whole replay of one directory. */
    public record Report(String env, List<CaseResult> cases) {
        /** Steps replayed over all cases. */
        public int steps() {
            return cases.stream().mapToInt(CaseResult::steps).sum();
        }

        /** Whether every case passes. */
        public boolean pass() {
            return cases.stream().allMatch(CaseResult::pass);
        }

        /** The one-line JSON object of {@code mbpo check-env ID --reference DIR}. */
        public Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("env", env);
            m.put("cases", cases.size());
            m.put("steps", steps());
            m.put("max_obs_err_20", cases.stream().mapToDouble(CaseResult::maxObsErr20).max().orElse(0));
            m.put("max_obs_err", cases.stream().mapToDouble(CaseResult::maxObsErr).max().orElse(0));
            m.put("max_reward_err_20", cases.stream().mapToDouble(CaseResult::maxRewardErr20).max().orElse(0));
            m.put("first_step_over_1e-3", cases.stream().map(CaseResult::firstStepOver).toList());
            m.put("first_contact_step", cases.stream().map(CaseResult::firstContactStep).toList());
            m.put("contact_steps", cases.stream().mapToInt(CaseResult::contactSteps).sum());
            m.put("max_obs_err_contact_20", cases.stream().mapToDouble(CaseResult::maxObsErrContact20).max()
                    .orElse(0));
            m.put("max_obs_err_contact", cases.stream().mapToDouble(CaseResult::maxObsErrContact).max().orElse(0));
            m.put("pass", pass());
            return m;
        }

        /** Human-readable lines, one per case. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (CaseResult c : cases) {
                String contact = c.firstContactStep() == null ? "no ground contact recorded"
                        : String.format("first contact at step %d, obs err over contact steps %.3g (first 20)"
                                + " / %.3g (all %d)", c.firstContactStep(), c.maxObsErrContact20(),
                        c.maxObsErrContact(), c.contactSteps());
                out.add(String.format("seed %d: %d steps, obs err %.3g (first 20) / %.3g (all), reward err %.3g"
                                + " (first 20) / %.3g (all), first step over 1e-3: %s; %s%s%s", c.seed(), c.steps(),
                        c.maxObsErr20(), c.maxObsErr(), c.maxRewardErr20(), c.maxRewardErr(),
                        c.firstStepOver() == null ? "none" : c.firstStepOver(), contact,
                        c.flagMismatch() == null ? "" : ", terminated flag differs at step " + c.flagMismatch(),
                        c.pass() ? "" : "  FAIL"));
            }
            return out;
        }
    }

    private Box2dReplay() {
    }

    /** Whether {@code dir} is in the box2dref format (holds {@code meta.json}). */
    public static boolean isBox2dReference(Path dir) {
        return Files.isRegularFile(dir.resolve(META));
    }

    /**
     * Replays every {@code seed<k>.csv} of {@code dir} on {@code envId}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it, or the env id
     *                                  when it is not the recorded one
     */
    public static Report run(String envId, Path dir) {
        RecordedCases.requireDirectory(dir);
        Path metaFile = dir.resolve(META);
        JsonNode meta = readMeta(metaFile);
        String recorded = meta.path("env").asText("");
        if (!recorded.equals(envId)) {
            throw new IllegalArgumentException(metaFile + " records env '" + recorded + "', not " + envId
                    + (envId.equals(LunarLander.ID) && recorded.equals(LunarLander.CONTINUOUS_ID)
                    ? " (the discrete lander cannot replay continuous actions)" : ""));
        }
        CaseReplay replay = switch (envId) {
            case LunarLander.ID, LunarLander.CONTINUOUS_ID -> LanderReplay::replayCase;
            case BipedalWalker.ID -> WalkerReplay::replayCase;
            default -> throw new IllegalArgumentException(metaFile + " records env '" + recorded
                    + "', which has no Box2D replay (" + LunarLander.CONTINUOUS_ID + ", " + LunarLander.ID + ", "
                    + BipedalWalker.ID + ")");
        };
        TreeMap<Integer, Path> files = caseFiles(dir);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no seed<k>.csv files in " + dir);
        }
        List<CaseResult> cases = new ArrayList<>();
        for (Map.Entry<Integer, Path> e : files.entrySet()) {
            JsonNode seedMeta = meta.path("seeds").path(Integer.toString(e.getKey()));
            if (seedMeta.isMissingNode()) {
                throw new IllegalArgumentException(metaFile + " has no entry seeds." + e.getKey() + " for "
                        + e.getValue().getFileName());
            }
            cases.add(replay.replay(envId, e.getKey(), metaFile, seedMeta, e.getValue()));
        }
        return new Report(envId, cases);
    }

    /** Replays one recorded episode of the env {@code envId}. */
    @FunctionalInterface
    interface CaseReplay {
        CaseResult replay(String envId, int seed, Path metaFile, JsonNode seedMeta, Path csv);
    }

    static JsonNode readMeta(Path metaFile) {
        if (!Files.isRegularFile(metaFile)) {
            throw new IllegalArgumentException("no " + META + " in " + metaFile.getParent());
        }
        String text;
        try {
            text = TextFiles.readUtf8(metaFile);
        } catch (TextFiles.NotUtf8Exception e) {
            throw new IllegalArgumentException(e.expected("a JSON object of the recording's seeds"), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + metaFile + ": " + e.getMessage(), e);
        }
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(metaFile + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
    }

    private static TreeMap<Integer, Path> caseFiles(Path dir) {
        TreeMap<Integer, Path> out = new TreeMap<>();
        try (var stream = Files.list(dir)) {
            for (Path p : (Iterable<Path>) stream::iterator) {
                Matcher m = CASE_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.put(Integer.parseInt(m.group(1)), p);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
        }
        return out;
    }

    /** A CSV of numbers with a header: its rows and the column index of each name. */
    record Table(List<double[]> rows, Map<String, Integer> col) {
        double get(double[] row, String column) {
            return row[col.get(column)];
        }
    }

    /**
     * Reads a CSV whose header names at least {@code required}; empty fields read as NaN.
     *
     * @param what what the file holds, for the message about a file that is not text
     */
    static Table readTable(Path csv, List<String> required, String what) {
        List<String> lines;
        try {
            lines = TextFiles.readUtf8(csv).lines().toList();
        } catch (TextFiles.NotUtf8Exception e) {
            throw new IllegalArgumentException(e.expected(what), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + csv + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty (expected a header line and one row per step)");
        }
        String[] header = lines.get(0).split(",", -1);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i].strip(), i);
        }
        for (String c : required) {
            if (!col.containsKey(c)) {
                throw new IllegalArgumentException(csv + ": the header lacks column '" + c + "' (needs " + required + ")");
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int ln = 1; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != header.length) {
                throw new IllegalArgumentException(csv + ":" + (ln + 1) + ": " + f.length + " fields, the header has "
                        + header.length);
            }
            double[] row = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                if (f[i].isEmpty()) {
                    row[i] = Double.NaN;
                    continue;
                }
                try {
                    row[i] = Double.parseDouble(f[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(csv + ":" + (ln + 1) + ": column '" + header[i]
                            + "' is not a number: '" + f[i] + "'");
                }
            }
            rows.add(row);
        }
        return new Table(rows, col);
    }

    /**
     * The steps after which {@code contacts_seed<k>.csv} next to {@code csv} lists a ground
     * contact (step 0 = after the reset); null when there is no such file.
     */
    static TreeSet<Integer> contactSteps(Path csv) {
        Path file = csv.resolveSibling("contacts_" + csv.getFileName());
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Table t = readTable(file, List.of("step"), "a CSV file of recorded ground contacts");
        TreeSet<Integer> steps = new TreeSet<>();
        for (double[] row : t.rows()) {
            steps.add((int) t.get(row, "step"));
        }
        return steps;
    }

    /** Numbers field {@code field} of {@code node}, exactly {@code n} of them. */
    static double[] numbers(Path metaFile, JsonNode node, String field, int n) {
        JsonNode a = node.path(field);
        if (!a.isArray() || a.size() != n) {
            throw new IllegalArgumentException(metaFile + ": field '" + field + "' must be an array of " + n
                    + " numbers, got " + (a.isMissingNode() ? "nothing" : a.toString()));
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException(metaFile + ": " + field + "[" + i + "] is not a number: " + a.get(i));
            }
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** A source that hands out {@code draws} in order and fails loudly when they run out or leave their range. */
    static Uniforms recorded(double[] draws, String where) {
        int[] next = {0};
        return (lo, hi) -> {
            if (next[0] >= draws.length) {
                throw new IllegalStateException(where + ": the env asked for draw " + (next[0] + 1) + " but only "
                        + draws.length + " were recorded");
            }
            double v = draws[next[0]++];
            if (!(v >= lo && v <= hi)) {
                throw new IllegalStateException(where + ": recorded draw " + next[0] + " = " + v
                        + " is outside the range [" + lo + ", " + hi + ") the env asked for");
            }
            return v;
        };
    }

    /**
     * One episode's comparison, step by step: feed it the reset observation, then every step's
     * result with the recorded row, and it keeps the errors of {@link CaseResult}.
     */
    static final class Comparison {
        private final int seed;
        private final TreeSet<Integer> contactSteps;
        private final Table table;
        private final int obsDim;
        private double obsErr20;
        private double obsErr;
        private double rewErr20;
        private double rewErr;
        private Integer firstOver;
        private Integer flagMismatch;
        private int steps;
        private int contactCount;
        private double contactErr;
        private double contactErr20;

        Comparison(int seed, Table table, int obsDim, TreeSet<Integer> contactSteps) {
            this.seed = seed;
            this.table = table;
            this.obsDim = obsDim;
            this.contactSteps = contactSteps;
        }

        void reset(float[] obs, float[] recorded) {
            double e = obsErr(obs, recorded);
            obsErr20 = e;
            obsErr = e;
            if (e > OBS_TOL) {
                firstOver = 0;
            }
            contact(0, e);
        }

        /** Compares one step; false when the episode ends here (a flag differs, or it terminated). */
        boolean step(double[] row, StepResult s) {
            int step = (int) table.get(row, "step");
            steps++;
            float[] ref = new float[obsDim];
            for (int i = 0; i < obsDim; i++) {
                ref[i] = (float) table.get(row, "obs" + i);
            }
            double oe = obsErr(s.obs(), ref);
            double re = Math.abs(s.reward() - table.get(row, "reward"));
            obsErr = Math.max(obsErr, oe);
            rewErr = Math.max(rewErr, re);
            if (step <= EARLY_STEPS) {
                obsErr20 = Math.max(obsErr20, oe);
                rewErr20 = Math.max(rewErr20, re);
            }
            if (firstOver == null && oe > OBS_TOL) {
                firstOver = step;
            }
            contact(step, oe);
            boolean refTerminated = table.get(row, "terminated") != 0;
            if (refTerminated != s.terminated()) {
                flagMismatch = step;
                return false;
            }
            return !s.terminated();
        }

        private void contact(int step, double err) {
            if (contactSteps != null && contactSteps.contains(step)) {
                contactCount++;
                contactErr = Math.max(contactErr, err);
                if (contactCount <= EARLY_STEPS) {
                    contactErr20 = Math.max(contactErr20, err);
                }
            }
        }

        CaseResult result() {
            Integer firstContact = contactSteps == null || contactSteps.isEmpty() ? null : contactSteps.first();
            return new CaseResult(seed, steps, obsErr20, obsErr, rewErr20, rewErr, firstOver, flagMismatch,
                    firstContact, contactCount, contactErr, contactErr20);
        }
    }

    static double obsErr(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(m, d);
        }
        return m;
    }
}
