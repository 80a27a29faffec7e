package org.mbpo4j.env.box2d;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jbox2d.common.Settings;

/**
 * jbox2d's global switches. Some jbox2d versions approximate sin/cos with a lookup table and
 * atan2, abs, floor, ceil and round with fast variants; those change the physics. Loading this
 * class turns every approximation off, once, for the whole JVM, and puts in place the Box2D 2.3
 * behaviour jbox2d 2.2.1.1 lacks and cannot be configured for ({@link Box2d23Patches}: the block
 * solver's condition number and the sweep's advance); {@link #manifestEntries()} records both in
 * a run's manifest.
 */
public final class Box2dSettings {
    /** What {@link Box2d23Patches} could not put in place (empty when all is well). */
    private static final List<String> PATCH_PROBLEMS = Box2d23Patches.apply();

    static {
        Settings.SINCOS_LUT_ENABLED = false;
        Settings.SINCOS_LUT_LERP = false;
        Settings.FAST_ATAN2 = false;
        Settings.FAST_ABS = false;
        Settings.FAST_FLOOR = false;
        Settings.FAST_CEIL = false;
        Settings.FAST_ROUND = false;
    }

    private Box2dSettings() {
    }

    /**
     * Makes sure the switches are off and the Box2D 2.3 patches in place (loading the class does
     * both); call before building a world.
     *
     * @throws IllegalStateException when a patch could not be applied (jbox2d's own class was
     *                               loaded before this class)
     */
    public static void ensureExact() {
        if (!PATCH_PROBLEMS.isEmpty()) {
            throw new IllegalStateException(String.join("; ", PATCH_PROBLEMS));
        }
    }

    /** The switches as they are now, for {@code manifest.json}. */
    public static Map<String, Object> manifestEntries() {
        ensureExact();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "2.2.1.1");
        m.put("sincos_lut_enabled", Settings.SINCOS_LUT_ENABLED);
        m.put("sincos_lut_lerp", Settings.SINCOS_LUT_LERP);
        m.put("fast_atan2", Settings.FAST_ATAN2);
        m.put("fast_abs", Settings.FAST_ABS);
        m.put("fast_floor", Settings.FAST_FLOOR);
        m.put("fast_ceil", Settings.FAST_CEIL);
        m.put("fast_round", Settings.FAST_ROUND);
        m.put("box2d_2_3_fixes", List.of("contacts_start_enabled", "block_solver_condition_number_1000",
                "sweep_advance_alpha0"));
        return m;
    }
}
