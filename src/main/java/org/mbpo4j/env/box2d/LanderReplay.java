package org.mbpo4j.env.box2d;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mbpo4j.env.StepResult;

/**
 * The LunarLander part of {@link Box2dReplay}: one recorded episode of
 * {@code LunarLanderContinuous-v3} (actions {@code a0, a1}) or {@code LunarLander-v3} (column
 * {@code action}), replayed on a fresh env that draws the recorded terrain heights, initial
 * force and dispersion numbers instead of its own.
 */
final class LanderReplay {
    private static final List<String> COMMON_COLUMNS = List.of("step", "disp_u0", "disp_u1", "obs0", "obs1",
            "obs2", "obs3", "obs4", "obs5", "obs6", "obs7", "reward", "terminated");

    private LanderReplay() {
    }

    /** The recorded draws and steps of one case, checked. */
    record Recording(double[] heights, double[] force, double[] resetDispersion, float[] resetObs,
                     Box2dReplay.Table table, boolean discrete) {
        List<double[]> rows() {
            return table.rows();
        }
    }

    static Recording read(Path metaFile, JsonNode seedMeta, Path csv, boolean discrete) {
        double[] heights = Box2dReplay.numbers(metaFile, seedMeta, "raw_height", LanderTerrain.CHUNKS + 1);
        double[] force = Box2dReplay.numbers(metaFile, seedMeta, "initial_force", 2);
        double[] resetDisp = Box2dReplay.numbers(metaFile, seedMeta, "reset_step_dispersion_uniforms", 2);
        double[] resetObsD = Box2dReplay.numbers(metaFile, seedMeta, "reset_obs", LanderRules.OBS_DIM);
        float[] resetObs = new float[resetObsD.length];
        for (int i = 0; i < resetObs.length; i++) {
            resetObs[i] = (float) resetObsD[i];
        }
        List<String> required = new ArrayList<>(COMMON_COLUMNS);
        required.addAll(1, discrete ? List.of("action") : List.of("a0", "a1"));
        Box2dReplay.Table table = Box2dReplay.readTable(csv, required,
                "a CSV file of recorded steps (a header line, then one row per step)");
        if (table.rows().isEmpty()) {
            throw new IllegalArgumentException(csv + " holds no steps");
        }
        return new Recording(heights, force, resetDisp, resetObs, table, discrete);
    }

    /** The draws of a recording in Gymnasium's order: heights, force, reset dispersion, per-step dispersion. */
    static double[] draws(Recording r) {
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
            d[k++] = r.table().get(row, "disp_u0");
            d[k++] = r.table().get(row, "disp_u1");
        }
        return d;
    }

    static Box2dReplay.CaseResult replayCase(String envId, int seed, Path metaFile, JsonNode seedMeta, Path csv) {
        return replay(envId.equals(LunarLander.ID), seed, metaFile, seedMeta, csv).result();
    }

    /** Replays one case of the discrete or the continuous lander. */
    static Box2dReplay.Comparison replay(boolean discrete, int seed, Path metaFile, JsonNode seedMeta, Path csv) {
        Recording r = read(metaFile, seedMeta, csv, discrete);
        TreeSet<Integer> contacts = Box2dReplay.contactSteps(csv);
        Box2dReplay.Comparison cmp = new Box2dReplay.Comparison(seed, r.table(), LanderRules.OBS_DIM, contacts);
        Uniforms source = Box2dReplay.recorded(draws(r), csv.toString());
        Box2dReplay.Table t = r.table();
        if (discrete) {
            LunarLander<Integer> env = LunarLander.discrete(rng -> source);
            cmp.reset(env.reset((long) seed).obs(), r.resetObs());
            for (double[] row : r.rows()) {
                StepResult s = env.step((int) t.get(row, "action"));
                if (!cmp.step(row, s)) {
                    break;
                }
            }
        } else {
            LunarLander<float[]> env = LunarLander.continuous(rng -> source);
            cmp.reset(env.reset((long) seed).obs(), r.resetObs());
            for (double[] row : r.rows()) {
                StepResult s = env.step(new float[] {(float) t.get(row, "a0"), (float) t.get(row, "a1")});
                if (!cmp.step(row, s)) {
                    break;
                }
            }
        }
        return cmp;
    }
}
