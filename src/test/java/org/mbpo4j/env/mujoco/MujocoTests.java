package org.mbpo4j.env.mujoco;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the MuJoCo tests share: whether they can run, and the reference set. Without the MuJoCo
 * library they are skipped, and the first skip prints one line saying why; where
 * {@value #REQUIRE} is set (CI, through {@code .ci/run}) a missing library fails them instead,
 * so that CI always runs them.
 */
final class MujocoTests {
    /** Set (to anything) to make a missing MuJoCo library a test failure rather than a skip. */
    static final String REQUIRE = "MBPO4J_REQUIRE_MUJOCO";
    /** Set A, as copied into the test resources. */
    static final Path SET_A = Path.of("src/test/resources/mujocoref/setA");
    /** The 18 ids. */
    static final List<String> IDS = MujocoEnvs.IDS;
    private static boolean told;

    private MujocoTests() {
    }

    /** Returns when the library is usable; skips (or, under {@value #REQUIRE}, fails) otherwise. */
    static void assumeLibrary() {
        if (MujocoLibrary.available()) {
            return;
        }
        String why;
        try {
            MujocoLibrary.get();
            why = "unknown";
        } catch (MujocoUnavailableException e) {
            why = e.getMessage();
        }
        if (System.getenv(REQUIRE) != null) {
            fail(REQUIRE + " is set, so the MuJoCo tests must run, but " + why);
        }
        synchronized (MujocoTests.class) {
            if (!told) {
                told = true;
                System.err.println("MuJoCo tests skipped: " + why);
            }
        }
        Assumptions.assumeTrue(false, "MuJoCo tests skipped: " + why);
    }

    /** Whether the library in use recorded the references (MuJoCo 3.14), so replays must be exact. */
    static boolean referenceLibrary() {
        return MujocoLibrary.get().sumsContactMargins();
    }
}
