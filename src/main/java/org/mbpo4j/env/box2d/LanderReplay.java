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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mbpo4j.env.RecordedCases;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.io.TextFiles;

/**
 * Replays LunarLander trajectories recorded from the real Gymnasium (the {@code box2dref}
 * format: {@code meta.json} with each seed's terrain heights, initial force and reset-step
 * dispersion draws, and one {@code seed<k>.csv} per case with the actions, the per-step
 * dispersion draws and what Gymnasium observed). Each case runs a fresh
 * {@code LunarLanderContinuous-v3} fed the recorded draws and actions (open loop), and the
 * observations and rewards are compared with the recording.
 *
 * <p>Pass: over the first {@link #EARLY_STEPS} steps of every case (and the reset observation),
 * every observation within {@link #OBS_TOL} and every reward within {@link #REWARD_TOL}, and the
 * same terminated flags. Later steps are reported, not judged: jbox2d is a port of an older
 * Box2D, and once legs touch the ground contact handling makes the engines drift apart.
 */
public final class LanderReplay {
    /** The steps judged by the pass criterion. */
    public static final int EARLY_STEPS = 20;
    /** Observation tolerance (max abs difference of any component). */
    public static final double OBS_TOL = 1e-3;
    /** Reward tolerance. */
    public static final double REWARD_TOL = 1e-2;
    /** The meta file that marks a box2dref directory. */
    public static final String META = "meta.json";

    private static final Pattern CASE_FILE = Pattern.compile("seed(\\d+)\\.csv");
    private static final List<String> COLUMNS = List.of("step", "a0", "a1", "disp_u0", "disp_u1", "obs0", "obs1",
            "obs2", "obs3", "obs4", "obs5", "obs6", "obs7", "reward", "terminated");

    /**
     * One case's result.
     *
     * @param seed             the recorded seed
     * @param steps            steps replayed
     * @param maxObsErr20      max observation error over the reset and the first 20 steps
     * @param maxObsErr        max observation error over all steps
     * @param maxRewardErr20   max reward error over the first 20 steps
     * @param maxRewardErr     max reward error over all steps
     * @param firstStepOver    first step whose observation error exceeds {@link #OBS_TOL} (null if none)
     * @param flagMismatch     first step whose terminated flag differs (null if none)
     */
    public record CaseResult(int seed, int steps, double maxObsErr20, double maxObsErr, double maxRewardErr20,
                             double maxRewardErr, Integer firstStepOver, Integer flagMismatch) {
        boolean pass() {
            return maxObsErr20 <= OBS_TOL && maxRewardErr20 <= REWARD_TOL
                    && (flagMismatch == null || flagMismatch > EARLY_STEPS);
        }
    }

    /** The whole replay. */
    public record Report(String env, List<CaseResult> cases) {
        public int steps() {
            return cases.stream().mapToInt(CaseResult::steps).sum();
        }

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
            m.put("pass", pass());
            return m;
        }

        /** Human-readable lines, one per case. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (CaseResult c : cases) {
                out.add(String.format("seed %d: %d steps, obs err %.3g (first 20) / %.3g (all), reward err %.3g"
                                + " (first 20) / %.3g (all), first step over 1e-3: %s%s%s", c.seed(), c.steps(),
                        c.maxObsErr20(), c.maxObsErr(), c.maxRewardErr20(), c.maxRewardErr(),
                        c.firstStepOver() == null ? "none" : c.firstStepOver(),
                        c.flagMismatch() == null ? "" : ", terminated flag differs at step " + c.flagMismatch(),
                        c.pass() ? "" : "  FAIL"));
            }
            return out;
        }
    }

    private LanderReplay() {
    }

    /** Whether {@code dir} is in the box2dref format (holds {@code meta.json}). */
    public static boolean isBox2dReference(Path dir) {
        return Files.isRegularFile(dir.resolve(META));
    }

    /**
     * Replays every {@code seed<k>.csv} of {@code dir} on {@code envId}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it, or the env id
     *                                  when it is not the recorded continuous lander
     */
    public static Report run(String envId, Path dir) {
        RecordedCases.requireDirectory(dir);
        Path metaFile = dir.resolve(META);
        JsonNode meta = readMeta(metaFile);
        String recorded = meta.path("env").asText("");
        if (!recorded.equals(envId)) {
            throw new IllegalArgumentException(metaFile + " records env '" + recorded + "', not " + envId
                    + (envId.equals(LunarLander.ID) ? " (the discrete lander cannot replay continuous actions)" : ""));
        }
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
            cases.add(replayCase(e.getKey(), metaFile, seedMeta, e.getValue()));
        }
        return new Report(envId, cases);
    }

    private static JsonNode readMeta(Path metaFile) {
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

    /** The recorded draws and steps of one case, checked. */
    record Recording(double[] heights, double[] force, double[] resetDispersion, float[] resetObs,
                     List<double[]> rows, Map<String, Integer> col) {
    }

    static Recording read(Path metaFile, JsonNode seedMeta, Path csv) {
        double[] heights = numbers(metaFile, seedMeta, "raw_height", LanderTerrain.CHUNKS + 1);
        double[] force = numbers(metaFile, seedMeta, "initial_force", 2);
        double[] resetDisp = numbers(metaFile, seedMeta, "reset_step_dispersion_uniforms", 2);
        double[] resetObsD = numbers(metaFile, seedMeta, "reset_obs", LanderRules.OBS_DIM);
        float[] resetObs = new float[resetObsD.length];
        for (int i = 0; i < resetObs.length; i++) {
            resetObs[i] = (float) resetObsD[i];
        }
        List<String> lines;
        try {
            lines = TextFiles.readUtf8(csv).lines().toList();
        } catch (TextFiles.NotUtf8Exception e) {
            throw new IllegalArgumentException(e.expected("a CSV file of recorded steps (a header line, then one row"
                    + " per step)"), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + csv + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty (expected a header line and one row per step)");
        }
        String[] header = lines.get(0).split(",");
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i].strip(), i);
        }
        for (String c : COLUMNS) {
            if (!col.containsKey(c)) {
                throw new IllegalArgumentException(csv + ": the header lacks column '" + c + "' (needs " + COLUMNS + ")");
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int ln = 1; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != header.length) {
                throw new IllegalArgumentException(csv + ":" + (ln + 1) + ": " + f.length + " fields, the header has "
                        + header.length);
            }
            double[] row = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                try {
                    row[i] = Double.parseDouble(f[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(csv + ":" + (ln + 1) + ": column '" + header[i]
                            + "' is not a number: '" + f[i] + "'");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + " holds no steps");
        }
        return new Recording(heights, force, resetDisp, resetObs, rows, col);
    }

    private static double[] numbers(Path metaFile, JsonNode seedMeta, String field, int n) {
        JsonNode a = seedMeta.path(field);
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

    /** The draws of a recording in Gymnasium's order: heights, force, reset dispersion, per-step dispersion. */
    static double[] draws(Recording r) {
        int du0 = r.col().get("disp_u0");
        int du1 = r.col().get("disp_u1");
        double[] d = new double[r.heights().length + 4 + 2 * r.rows().size()];
        int k = 0;
        for (double h : r.heights()) {
            d[k++] = h;
        }
        d[k++] = r.force()[0];
        d[k++] = r.force()[1];
        d[k++] = r.resetDispersion()[0];
        d[k++] = r.resetDispersion()[1];
        for (double[] row : r.rows()) {
            d[k++] = row[du0];
            d[k++] = row[du1];
        }
        return d;
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

    private static CaseResult replayCase(int seed, Path metaFile, JsonNode seedMeta, Path csv) {
        Recording r = read(metaFile, seedMeta, csv);
        Map<String, Integer> col = r.col();
        Uniforms source = recorded(draws(r), csv.toString());
        LunarLander<float[]> env = LunarLander.continuous(rng -> source);
        float[] obs = env.reset((long) seed).obs();
        double obsErr20 = obsErr(obs, r.resetObs());
        double obsErr = obsErr20;
        double rewErr20 = 0;
        double rewErr = 0;
        Integer firstOver = obsErr20 > OBS_TOL ? 0 : null;
        Integer flagMismatch = null;
        int steps = 0;
        for (double[] row : r.rows()) {
            int step = (int) row[col.get("step")];
            StepResult s = env.step(new float[] {(float) row[col.get("a0")], (float) row[col.get("a1")]});
            steps++;
            float[] ref = new float[LanderRules.OBS_DIM];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = (float) row[col.get("obs" + i)];
            }
            double oe = obsErr(s.obs(), ref);
            double re = Math.abs(s.reward() - row[col.get("reward")]);
            obsErr = Math.max(obsErr, oe);
            rewErr = Math.max(rewErr, re);
            if (step <= EARLY_STEPS) {
                obsErr20 = Math.max(obsErr20, oe);
                rewErr20 = Math.max(rewErr20, re);
            }
            if (firstOver == null && oe > OBS_TOL) {
                firstOver = step;
            }
            boolean refTerminated = row[col.get("terminated")] != 0;
            if (refTerminated != s.terminated()) {
                flagMismatch = step;
                break;
            }
            if (s.terminated()) {
                break;
            }
        }
        return new CaseResult(seed, steps, obsErr20, obsErr, rewErr20, rewErr, firstOver, flagMismatch);
    }

    private static double obsErr(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(m, d);
        }
        return m;
    }
}
