package org.mbpo4j.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MujocoRendererTest {
    private static MujocoLibrary lib;

    @BeforeAll
    static void library() {
        MujocoTests.assumeLibrary();
        lib = MujocoLibrary.get();
    }

    private static MjSim load(String xml) {
        MjSim sim = MjSim.load(lib, MjcfFiles.path(xml));
        sim.resetData();
        sim.forward();
        return sim;
    }

    /** The geom's colour as a float RGB triple. */
    private static float[] colour(MjSim sim, int geom) {
        float[] rgba = sim.geomRgba();
        return new float[] {rgba[4 * geom], rgba[4 * geom + 1], rgba[4 * geom + 2]};
    }

    /**
     * Whether a pixel shows {@code c}, up to the renderer's depth shading (a common factor on
     * the three channels); outlines and antialiased edges do not count.
     */
    private static boolean shows(int rgb, float[] c) {
        double r = (rgb >> 16) & 255;
        double g = (rgb >> 8) & 255;
        double b = rgb & 255;
        double norm = 255 * (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        double s = (r * c[0] + g * c[1] + b * c[2]) / norm;
        return s > 0.5 && s < 1.3 && Math.abs(r - 255 * s * c[0]) <= 6 && Math.abs(g - 255 * s * c[1]) <= 6
                && Math.abs(b - 255 * s * c[2]) <= 6;
    }

    /** The pixels of colour {@code c} in the rectangle of half-sizes (hw, hh) around (cx, cy). */
    private static int count(BufferedImage img, float[] c, int cx, int cy, int hw, int hh) {
        int x0 = Math.max(0, cx - hw);
        int y0 = Math.max(0, cy - hh);
        int w = Math.min(img.getWidth(), cx + hw) - x0;
        int h = Math.min(img.getHeight(), cy + hh) - y0;
        int[] px = img.getRGB(x0, y0, w, h, null, 0, w);
        int n = 0;
        for (int p : px) {
            if (shows(p, c)) {
                n++;
            }
        }
        return n;
    }

    private static void assertPicture(BufferedImage img) {
        assertEquals(MujocoRenderer.WIDTH, img.getWidth());
        assertEquals(MujocoRenderer.HEIGHT, img.getHeight());
        assertEquals(480, img.getWidth());
        assertEquals(480, img.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.size() > 5, "the picture has only " + colours.size() + " colours");
    }

    private static void assertRobotNearCentre(BufferedImage img, float[] c, String what) {
        int n = count(img, c, 240, 240, 60, 60);
        assertTrue(n > 100, what + ": only " + n + " pixels of the robot's colour within 60 px of the centre");
    }

    @Test
    void hopperSideViewShowsTheRobotAtTheCentreAboveTheFloor() {
        try (MjSim sim = load("hopper.xml")) {
            MujocoRenderer ren = new MujocoRenderer(sim, MujocoRenderer.View.SIDE, sim.bodyId("torso"), 3);
            BufferedImage img = ren.render();
            assertPicture(img);
            float[] robot = colour(sim, sim.id(MjSim.OBJ_GEOM, "torso_geom"));
            assertRobotNearCentre(img, robot, "hopper");
            // sky at the top, a darker ground band at the bottom, no robot in either
            assertEquals(0, count(img, robot, 240, 5, 240, 5));
            assertEquals(0, count(img, robot, 240, 470, 240, 10));
            assertNotEquals(img.getRGB(240, 2), img.getRGB(240, 477));
        }
    }

    @Test
    void hopperTrackingKeepsTheRobotCentredAndScrollsTheFloor() {
        try (MjSim sim = load("hopper.xml")) {
            int torso = sim.bodyId("torso");
            MujocoRenderer ren = new MujocoRenderer(sim, MujocoRenderer.View.SIDE, torso, 3);
            float[] robot = colour(sim, sim.id(MjSim.OBJ_GEOM, "torso_geom"));
            ren.render();
            Random rnd = new Random(42);
            float[] action = new float[sim.nu];
            for (int step = 0; step < 200; step++) {
                for (int i = 0; i < sim.nu; i++) {
                    action[i] = 2 * rnd.nextFloat() - 1;
                }
                sim.setCtrl(action);
                sim.step(4); // Hopper's frame skip
            }
            BufferedImage after = ren.render();
            assertPicture(after);
            // the robot may have fallen, but it is in the picture's central columns
            int central = count(after, robot, 240, 240, 70, 240);
            int total = count(after, robot, 240, 240, 240, 240);
            assertTrue(central > 100, "only " + central + " robot pixels in the central columns");
            assertTrue(central > total / 2, central + " of " + total + " robot pixels in the central columns");

            // moving the robot by a quarter of a floor cell keeps it in place and moves the floor
            double[] q = new double[sim.nq];
            sim.getQpos(q, 0);
            q[0] += 0.13;
            sim.setQpos(q, 0);
            sim.forward();
            BufferedImage moved = ren.render();
            int[] a = after.getRGB(0, 0, 480, 480, null, 0, 480);
            int[] b = moved.getRGB(0, 0, 480, 480, null, 0, 480);
            int same = 0;
            int floorChanged = 0;
            for (int i = 0; i < a.length; i++) {
                if (shows(a[i], robot) && shows(b[i], robot)) {
                    same++;
                }
                if (i / 480 > 470 && a[i] != b[i]) {
                    floorChanged++;
                }
            }
            assertTrue(same > 0.9 * total, same + " of " + total + " robot pixels stayed in place");
            assertTrue(floorChanged > 500, "the floor pattern did not scroll: " + floorChanged + " pixels changed");
        }
    }

    @Test
    void antObliqueView() {
        try (MjSim sim = load("ant.xml")) {
            MujocoRenderer ren = new MujocoRenderer(sim, MujocoRenderer.View.OBLIQUE, sim.bodyId("torso"), 4);
            BufferedImage img = ren.render();
            assertPicture(img);
            assertRobotNearCentre(img, colour(sim, sim.id(MjSim.OBJ_GEOM, "torso_geom")), "ant");
        }
    }

    @Test
    void humanoidObliqueView() {
        try (MjSim sim = load("humanoid.xml")) {
            MujocoRenderer ren = new MujocoRenderer(sim, MujocoRenderer.View.OBLIQUE, sim.bodyId("torso"), 4);
            BufferedImage img = ren.render();
            assertPicture(img);
            float[] robot = colour(sim, sim.id(MjSim.OBJ_GEOM, "torso1"));
            assertRobotNearCentre(img, robot, "humanoid");
            // standing: the head is above the centre, the feet below it
            assertTrue(count(img, robot, 240, 120, 60, 120) > 50);
            assertTrue(count(img, robot, 240, 360, 60, 120) > 50);
        }
    }

    @Test
    void reacherTopViewShowsTheArmAndTheTarget() {
        try (MjSim sim = load("reacher.xml")) {
            MujocoRenderer ren = new MujocoRenderer(sim, MujocoRenderer.View.TOP, -1, 1.0);
            BufferedImage img = ren.render();
            assertPicture(img);
            assertRobotNearCentre(img, colour(sim, sim.id(MjSim.OBJ_GEOM, "link0")), "reacher");
            float[] target = colour(sim, sim.id(MjSim.OBJ_GEOM, "target"));
            assertTrue(count(img, target, 240, 240, 240, 240) > 20, "the target is not drawn");
            // the arena's walls (x, y = +-0.3 m) lie inside the picture
            float[] wall = colour(sim, sim.id(MjSim.OBJ_GEOM, "sideN"));
            assertTrue(count(img, wall, 240, 60, 160, 40) > 500, "the north wall is not near the top");
        }
    }

    @Test
    void otherShapesAndHiddenGeoms(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("shapes.xml");
        Files.writeString(xml, """
                <mujoco model="shapes">
                  <worldbody>
                    <geom type="plane" size="5 5 0.1" rgba="0.8 0.9 0.8 1"/>
                    <geom name="box" type="box" pos="0 0 0.5" size="0.2 0.1 0.05" euler="20 10 30" rgba="0.9 0.1 0.1 1"/>
                    <geom name="ell" type="ellipsoid" pos="0.6 0 0.3" size="0.3 0.1 0.15" euler="0 45 45" rgba="0.1 0.9 0.1 1"/>
                    <geom name="cyl" type="cylinder" pos="-0.6 0 0.3" size="0.1 0.2" euler="60 0 0" rgba="0.1 0.1 0.9 1"/>
                    <geom name="hidden" type="sphere" pos="0 0.6 0.3" size="0.1" group="3" rgba="1 0 1 1"/>
                    <geom name="clear" type="sphere" pos="0 -0.6 0.3" size="0.1" rgba="1 1 0 0"/>
                  </worldbody>
                </mujoco>
                """);
        try (MjSim sim = MjSim.load(lib, xml)) {
            sim.resetData();
            sim.forward();
            for (MujocoRenderer.View view : MujocoRenderer.View.values()) {
                BufferedImage img = new MujocoRenderer(sim, view, -1, 2.5).render();
                assertPicture(img);
                for (String shown : new String[] {"box", "ell", "cyl"}) {
                    assertTrue(count(img, colour(sim, sim.id(MjSim.OBJ_GEOM, shown)), 240, 240, 240, 240) > 100,
                            shown + " is not drawn in the " + view + " view");
                }
                assertEquals(0, count(img, new float[] {1, 0, 1}, 240, 240, 240, 240), "group 3 drawn");
                assertEquals(0, count(img, new float[] {1, 1, 0}, 240, 240, 240, 240), "alpha 0 drawn");
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        try (MjSim sim = load("reacher.xml")) {
            assertThrows(IllegalArgumentException.class,
                    () -> new MujocoRenderer(sim, MujocoRenderer.View.TOP, sim.nbody, 1));
            assertThrows(IllegalArgumentException.class, () -> new MujocoRenderer(sim, MujocoRenderer.View.TOP, -1, 0));
            assertThrows(NullPointerException.class, () -> new MujocoRenderer(sim, null, -1, 1));
            assertFalse(new MujocoRenderer(sim, MujocoRenderer.View.TOP, -1, 2).pixelsPerMetre() <= 0);
        }
    }
}
