package org.mbpo4j.env.box2d;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mbpo4j.env.StepResult;

/**
 * The BipedalWalker part of {@link Box2dReplay}: one recorded {@code BipedalWalker-v3} episode
 * replayed on a fresh walker that takes every reset draw (terrain, clouds, the hull's push) from
 * the recording's {@code draws} list instead of its own stream, then the recorded actions
 * {@code a0..a3}.
 */
final class WalkerReplay {
    /** The walker's observation size. */
    static final int OBS_DIM = 24;

    private WalkerReplay() {
    }

    /** The reset draws of one seed, in the order the env made them. */
    static double[] draws(Path metaFile, JsonNode seedMeta) {
        JsonNode d = seedMeta.path("draws");
        if (!d.isArray() || d.isEmpty()) {
            throw new IllegalArgumentException(metaFile + ": field 'draws' must be a non-empty array of"
                    + " {what, kind, args, value} objects, got " + (d.isMissingNode() ? "nothing" : "'" + d + "'"));
        }
        double[] out = new double[d.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = d.get(i).path("value");
            if (!v.isNumber()) {
                throw new IllegalArgumentException(metaFile + ": draws[" + i + "].value is not a number: " + v);
            }
            out[i] = v.asDouble();
        }
        return out;
    }

    static Box2dReplay.CaseResult replayCase(String envId, int seed, Path metaFile, JsonNode seedMeta, Path csv) {
        return replay(seed, metaFile, seedMeta, csv, null).result();
    }

    /** Sees the walker after the reset (step 0) and after every replayed step. */
    @FunctionalInterface
    interface StepWatcher {
        void after(int step, BipedalWalker walker);
    }

    /** Replays one case, showing the walker to {@code watcher} (may be null) after the reset and each step. */
    static Box2dReplay.Comparison replay(int seed, Path metaFile, JsonNode seedMeta, Path csv, StepWatcher watcher) {
        if (seedMeta.path("hardcore").asBoolean(false)) {
            throw new IllegalArgumentException(metaFile + ": seeds." + seed + " is a hardcore episode; only "
                    + BipedalWalker.ID + " recordings replay");
        }
        double[] draws = draws(metaFile, seedMeta);
        double[] resetObsD = Box2dReplay.numbers(metaFile, seedMeta, "reset_obs", OBS_DIM);
        float[] resetObs = new float[OBS_DIM];
        for (int i = 0; i < OBS_DIM; i++) {
            resetObs[i] = (float) resetObsD[i];
        }
        List<String> required = new ArrayList<>(List.of("step", "a0", "a1", "a2", "a3", "reward", "terminated"));
        for (int i = 0; i < OBS_DIM; i++) {
            required.add("obs" + i);
        }
        Box2dReplay.Table t = Box2dReplay.readTable(csv, required,
                "a CSV file of recorded steps (a header line, then one row per step)");
        if (t.rows().isEmpty()) {
            throw new IllegalArgumentException(csv + " holds no steps");
        }
        TreeSet<Integer> contacts = Box2dReplay.contactSteps(csv);
        Box2dReplay.Comparison cmp = new Box2dReplay.Comparison(seed, t, OBS_DIM, contacts);
        Uniforms source = Box2dReplay.recorded(draws, metaFile + " seeds." + seed + ".draws");
        BipedalWalker env = new BipedalWalker(false, rng -> source);
        cmp.reset(env.reset((long) seed).obs(), resetObs);
        if (watcher != null) {
            watcher.after(0, env);
        }
        for (double[] row : t.rows()) {
            float[] a = {(float) t.get(row, "a0"), (float) t.get(row, "a1"), (float) t.get(row, "a2"),
                (float) t.get(row, "a3")};
            StepResult s = env.step(a);
            if (watcher != null) {
                watcher.after((int) t.get(row, "step"), env);
            }
            if (!cmp.step(row, s)) {
                break;
            }
        }
        return cmp;
    }
}
