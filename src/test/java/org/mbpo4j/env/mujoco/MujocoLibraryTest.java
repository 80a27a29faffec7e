package org.mbpo4j.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, refusing and checking the MuJoCo library. */
class MujocoLibraryTest {

    @Test
    void versionNamesAndTheTable() {
        assertEquals("2.2.2", MujocoLibrary.versionName(222));
        assertEquals("3.14.0", MujocoLibrary.versionName(3014000));
        assertEquals(MjLayout.V2_2_2, MjLayout.forVersion(222));
        assertEquals(MjLayout.V3_14_0, MjLayout.forVersion(3014000));
        assertNull(MjLayout.forVersion(3013000));
        MujocoUnavailableException e = MujocoLibrary.unsupported("/opt/mujoco/lib/libmujoco.so.3.1.6", 3001006);
        assertEquals("/opt/mujoco/lib/libmujoco.so.3.1.6 is MuJoCo 3.1.6, which mbpo4j does not support; supported:"
                + " 2.2.2 (Debian's libmujoco2.2.2) and 3.14.0. Install Debian's with `sudo apt-get install libmujoco2.2.2`,"
                + " or set MBPO4J_MUJOCO_LIB to a libmujoco.so.3.14.0", e.getMessage());
    }

    @Test
    void aMissingFileIsNamedWithWhatToDo(@TempDir Path tmp) {
        MujocoUnavailableException e = assertThrows(MujocoUnavailableException.class,
                () -> MujocoLibrary.load(tmp.resolve("libmujoco.so.3.14.0").toString(), MujocoLibrary.ENV_VAR));
        assertTrue(e.getMessage().startsWith("MBPO4J_MUJOCO_LIB=" + tmp.resolve("libmujoco.so.3.14.0") + ": no such file;"),
                e.getMessage());
        assertTrue(e.getMessage().contains("sudo apt-get install libmujoco2.2.2"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAMujocoLibraryIsRefused(@TempDir Path tmp) throws Exception {
        Path text = Files.writeString(tmp.resolve("libmujoco.so"), "not a library");
        MujocoUnavailableException e = assertThrows(MujocoUnavailableException.class,
                () -> MujocoLibrary.load(text.toString(), MujocoLibrary.ENV_VAR));
        assertTrue(e.getMessage().contains("could not be loaded as a shared library"), e.getMessage());
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        if (Files.isRegularFile(libc)) {
            e = assertThrows(MujocoUnavailableException.class,
                    () -> MujocoLibrary.load(libc.toString(), MujocoLibrary.ENV_VAR));
            assertEquals(libc + " is not a MuJoCo library (it has no mj_version)", e.getMessage());
        }
    }

    /**
     * The start-up check catches a layout that does not belong to the library: the other
     * supported version's table reads the model's sizes from the wrong places.
     */
    @Test
    void theStartupCheckRefusesTheOtherVersionsLayout() {
        MujocoTests.assumeLibrary();
        MujocoLibrary lib = MujocoLibrary.get();
        StartupCheck.run(lib);
        MjLayout wrong = lib.layout() == MjLayout.V2_2_2 ? MjLayout.V3_14_0 : MjLayout.V2_2_2;
        MujocoLibrary mislabelled = new MujocoLibrary(lib.path(), wrong, lib.versionString());
        MujocoUnavailableException e = assertThrows(MujocoUnavailableException.class,
                () -> StartupCheck.run(mislabelled));
        assertTrue(e.getMessage().startsWith("MuJoCo " + wrong.name() + " at " + lib.path()
                + " failed the start-up check"), e.getMessage());
    }

    @Test
    void describeSaysWhichLibraryRan() {
        MujocoTests.assumeLibrary();
        Map<String, Object> d = MujocoLibrary.get().describe();
        assertEquals(MujocoLibrary.get().path(), d.get("library"));
        assertTrue(Files.isRegularFile(Path.of((String) d.get("library"))), d.toString());
        assertTrue(d.get("version").equals("2.2.2") || d.get("version").equals("3.14.0"), d.toString());
    }

    /** On MuJoCo before 3.5 every margin is doubled after loading; 3.14 keeps the file's. */
    @Test
    void contactMarginsFollowTheVersion() {
        MujocoTests.assumeLibrary();
        MujocoLibrary lib = MujocoLibrary.get();
        try (MjSim sim = MjSim.load(lib, MjcfFiles.path("hopper.xml"))) {
            double want = lib.sumsContactMargins() ? 0.001 : 0.002;
            for (double m : sim.geomMargin()) {
                assertEquals(want, m, 1e-15);
            }
        }
        try (MjSim sim = MjSim.load(lib, MjcfFiles.path("half_cheetah.xml"))) {
            for (double m : sim.geomMargin()) {
                assertEquals(0, m);
            }
        }
    }
}
