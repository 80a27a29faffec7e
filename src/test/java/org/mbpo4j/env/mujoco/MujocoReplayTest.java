package org.mbpo4j.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every MuJoCo id against Gymnasium 1.3.0's set A (recorded on MuJoCo 3.14.0): teacher forced
 * and open loop, within the thresholds of the library in use, and exactly on MuJoCo 3.14.
 */
class MujocoReplayTest {

    static List<String> ids() {
        return MujocoTests.IDS;
    }

    @BeforeEach
    void library() {
        MujocoTests.assumeLibrary();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void replaysSetA(String id) throws IOException {
        MujocoReplay.Report r = MujocoReplay.run(id, MujocoTests.SET_A);
        assertTrue(r.pass(), id + " on MuJoCo " + r.version() + ": " + r.toJsonMap() + " " + r.problems());
        assertEquals(5, r.cases());
        assertTrue(r.steps() >= 5 && r.openLoopSteps() >= 5, r.toJsonMap().toString());
        assertEquals(0, r.flagMismatches());
        if (MujocoTests.referenceLibrary()) {
            // MuJoCo 3.14 replays its own recording exactly; observations and rewards to the last
            // bit of a sine or a square (NumPy's and Java's libm).
            assertEquals(0.0, r.maxStateErr(), id + ": " + r.toJsonMap());
            assertTrue(r.maxObsErr() <= 1e-15 && r.openLoopMaxObsErr() <= 1e-15, id + ": " + r.toJsonMap());
            assertTrue(r.maxRewardErr() <= 1e-15 && r.maxInfoErr() <= 1e-15, id + ": " + r.toJsonMap());
        }
    }

    /** The thresholds are tight enough to catch the contact-margin change they were chosen around. */
    @Test
    void thresholdsFollowTheLibrary() {
        assertEquals(1e-12, MujocoReplay.Thresholds.of("3.14.0", "Humanoid-v4").state());
        assertTrue(MujocoReplay.Thresholds.of("2.2.2", "Hopper-v4").state() < 1e-9);
        assertTrue(MujocoReplay.Thresholds.of("2.2.2", "Humanoid-v5").state() < 1e-3);
        assertTrue(MujocoReplay.Thresholds.of("2.2.2", "Ant-v5").state() < 1e-5);
    }

    @Test
    void aDamagedCaseIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Hopper-v4.jsonl"), "{\"init_qpos\": [1, 2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MujocoReplay.run("Hopper-v4", dir));
        assertTrue(e.getMessage().contains("Hopper-v4.jsonl:1: not valid JSON"), e.getMessage());
        Files.writeString(dir.resolve("Hopper-v4.jsonl"), "{\"init_qpos\": [1, 2], \"case\": 0}\n");
        e = assertThrows(IllegalArgumentException.class, () -> MujocoReplay.run("Hopper-v4", dir));
        assertTrue(e.getMessage().contains("missing field"), e.getMessage());
    }

    @Test
    void aMissingFileSaysWhatWasLookedFor(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MujocoReplay.run("Ant-v5", dir));
        assertTrue(e.getMessage().contains("Ant-v5.jsonl and Ant-v5.jsonl.gz"), e.getMessage());
        assertFalse(MujocoReplay.isMujocoReference(dir, "Ant-v5"));
        assertTrue(MujocoReplay.isMujocoReference(MujocoTests.SET_A, "Ant-v5"));
    }
}
