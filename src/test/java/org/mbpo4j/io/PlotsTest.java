package org.mbpo4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    private static BufferedImage readPng(Path png) throws IOException {
        byte[] head = new byte[8];
        System.arraycopy(Files.readAllBytes(png), 0, head, 0, 8);
        assertEquals((byte) 0x89, head[0]);
        assertEquals("PNG", new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable PNG: " + png);
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        return img;
    }

    /** Number of distinct colours: a blank image has one or two. */
    private static long colours(BufferedImage img) {
        return java.util.stream.IntStream.range(0, img.getWidth() * img.getHeight())
                .map(i -> img.getRGB(i % img.getWidth(), i / img.getWidth())).distinct().count();
    }

    @Test
    void noEvaluationYet() throws IOException {
        Path png = dir.resolve("curve.png");
        Plots.learningCurve(png, "Pendulum-v1", new double[0], new double[0], new double[0], null, null);
        assertTrue(colours(readPng(png)) > 2);
        Plots.learningCurve(png, "Pendulum-v1", null, null, null, new double[] {200, 400}, new double[] {-1500, -1400});
        readPng(png);
    }

    @Test
    void singleEvaluation() throws IOException {
        Path png = dir.resolve("curve.png");
        Plots.learningCurve(png, "one point", new double[] {1000}, new double[] {-1200}, new double[] {50}, null, null);
        readPng(png);
        Plots.learningCurve(png, "one point, no std", new double[] {1000}, new double[] {-1200}, null, null, null);
        readPng(png);
    }

    @Test
    void manyPointsWithEpisodesAndNonFiniteValues() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        int n = 40;
        double[] x = new double[n];
        double[] m = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1000.0 * (i + 1);
            m[i] = -1500 + 30 * i + 20 * r.nextDouble();
            s[i] = 50 * r.nextDouble();
        }
        m[5] = Double.NaN;
        s[7] = Double.NaN;
        int k = 300;
        double[] ex = new double[k];
        double[] ey = new double[k];
        for (int i = 0; i < k; i++) {
            ex[i] = 200.0 * (i + 1);
            ey[i] = -1600 + 4 * i + 100 * r.nextGaussian();
        }
        Path png = dir.resolve("curve.png");
        Plots.learningCurve(png, "Pendulum-v1 mbpo seed 3", x, m, s, ex, ey);
        assertTrue(colours(readPng(png)) > 10);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "temp files left behind");
        }
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Plots.learningCurvePng("t", new double[] {1, 2},
                new double[] {1}, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> Plots.learningCurvePng("t", new double[] {1},
                new double[] {1}, new double[] {1, 2}, null, null));
        assertThrows(IllegalArgumentException.class, () -> Plots.learningCurvePng("t", null, null, null,
                new double[] {1}, null));
    }
}
