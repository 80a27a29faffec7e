package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.jbox2d.common.Sweep;
import org.jbox2d.dynamics.contacts.ContactSolver;
import org.junit.jupiter.api.Test;

/** The Box2D 2.3 behaviour that replaces jbox2d 2.2.1.1's (see {@link Box2d23Patches}). */
class Box2d23PatchesTest {

    @Test
    void theBlockSolverUsesBox2d23sConditionNumber() throws ReflectiveOperationException {
        Box2dSettings.ensureExact();
        // Read reflectively: javac would inline the constant of the class it compiled against.
        assertEquals(1000f, ContactSolver.class.getField("k_maxConditionNumber").getFloat(null));
        assertTrue(Box2d23Patches.isPatched(ContactSolver.class.getName()));
    }

    @Test
    void aSweepAdvancesFromWhereItsLastAdvanceLeftIt() {
        Box2dSettings.ensureExact();
        Sweep s = new Sweep();
        s.c0.set(0f, 0f);
        s.c.set(1f, 0f);
        s.a0 = 0f;
        s.a = 1f;
        s.advance(0.5f);
        assertEquals(0.5f, s.alpha0);
        assertEquals(0.5f, s.c0.x);
        // A second event at alpha 0.75 is a quarter of the whole step from the start, so the start
        // moves to 0.75 (jbox2d 2.2.1.1 moved it to 0.875: it ignored alpha0).
        s.advance(0.75f);
        assertEquals(0.75f, s.c0.x, 1e-6f);
        assertEquals(0.75f, s.a0, 1e-6f);
        Sweep copy = new Sweep().set(s);
        assertEquals(0.75f, copy.alpha0);
    }

    @Test
    void aFloatConstantIsReplacedOnlyWhereItIsUnique() throws IOException {
        byte[] original = classFile(ContactSolver.class);
        byte[] patched = Box2d23Patches.patchFloat(original, 100f, 1000f);
        assertEquals(original.length, patched.length);
        assertArrayEquals(original, Box2d23Patches.patchFloat(patched, 1000f, 100f));
        assertThrows(IOException.class, () -> Box2d23Patches.patchFloat(original, 12345.5f, 1f));
    }

    @Test
    void aRenamedClassKeepsEverythingButItsName() throws IOException {
        byte[] original = classFile(Box2dSweep.class);
        String from = "org/mbpo4j/env/box2d/Box2dSweep";
        String to = "org/jbox2d/common/Sweep";
        byte[] renamed = Box2d23Patches.renameClass(original, from, to);
        assertArrayEquals(original, Box2d23Patches.renameClass(renamed, to, from));
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
