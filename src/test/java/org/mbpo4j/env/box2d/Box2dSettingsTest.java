package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.jbox2d.common.MathUtils;
import org.junit.jupiter.api.Test;

class Box2dSettingsTest {

    @Test
    void everyApproximationIsOffAndRecorded() {
        Map<String, Object> m = Box2dSettings.manifestEntries();
        assertEquals("2.2.1.1", m.get("version"));
        m.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                assertFalse(b, k + " must be off");
            }
        });
        assertEquals(9, m.size());
    }

    @Test
    void jbox2dTrigonometryIsExactOnceTheSettingsAreLoaded() {
        Box2dSettings.ensureExact();
        for (float a = -7f; a < 7f; a += 0.0137f) {
            assertEquals((float) StrictMath.sin(a), MathUtils.sin(a), 1e-7f, "sin " + a);
            assertEquals((float) StrictMath.cos(a), MathUtils.cos(a), 1e-7f, "cos " + a);
        }
    }
}
