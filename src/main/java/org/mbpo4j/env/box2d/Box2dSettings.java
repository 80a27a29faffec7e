package org.mbpo4j.env.box2d;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jbox2d.common.Settings;

/**
 * jbox2d's global switches. Some jbox2d versions approximate sin/cos with a lookup table and
 * atan2, abs, floor, ceil and round with fast variants; those change the physics. Loading this
 * class turns every approximation off, once, for the whole JVM; {@link #manifestEntries()}
 * records the choice in a run's manifest.
 */
public final class Box2dSettings {

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

    /** Makes sure the switches are off (loading the class does it); call before building a world. */
    public static void ensureExact() {
        // The static initialiser has run by the time this method body executes.
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
        return m;
    }
}
