package org.mbpo4j.env;

import java.util.Map;
import java.util.Random;

/**
 * Test-only env written against {@link Env} directly, without {@link AbstractEnv}'s guards:
 * it steps before reset and after the end, accepts NaN actions and fails on wrong types with
 * a bare ClassCastException. Episodes terminate every 5 steps.
 */
final class ToySloppyEnv implements Env<float[]> {
    static final String ID = "ToySloppy-v0";
    private final Box obsSpace = Box.uniform(1, -10f, 10f);
    private final Box actSpace = Box.uniform(1, -1f, 1f);
    private Random random = new Random(0);
    private float x;
    private int t;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Box observationSpace() {
        return obsSpace;
    }

    @Override
    public Space<float[]> actionSpace() {
        return actSpace;
    }

    @Override
    public ResetResult reset(Long seed) {
        if (seed != null) {
            random = new Random(seed);
        }
        x = (float) random.nextDouble();
        t = 0;
        return new ResetResult(new float[] {x}, Map.of());
    }

    @Override
    public StepResult step(float[] action) {
        float u = action[0];
        if (u != u) {
            u = 0; // NaN silently ignored
        }
        x = Math.max(-10, Math.min(10, x + Math.max(-1, Math.min(1, u))));
        t++;
        return new StepResult(new float[] {x}, -Math.abs(x), t % 5 == 0, false, Map.of());
    }
}
