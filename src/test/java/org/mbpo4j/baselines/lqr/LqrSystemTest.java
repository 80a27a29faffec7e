package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation messages and the file format. */
class LqrSystemTest {
    @TempDir
    Path tmp;

    static final double[][] I2 = Mat.identity(2);

    static String error(double[][] a, double[][] b, double[][] q, double[][] r) {
        return assertThrows(InvalidSystemException.class,
                () -> new LqrSystem("t", "test.yaml", a, b, q, r, 1, 1, 10)).getMessage();
    }

    @Test
    void badShapesAndCostsAreNamed() {
        assertEquals("test.yaml: A must be square (n x n), got 2x3",
                error(new double[][] {{1, 0, 0}, {0, 1, 0}}, I2, I2, I2));
        assertEquals("test.yaml: B must have as many rows as A (2), got 3x1",
                error(I2, new double[][] {{1}, {1}, {1}}, I2, new double[][] {{1}}));
        assertEquals("test.yaml: Q must be symmetric, but Q[0][1] = 0.5 and Q[1][0] = 0.0",
                error(I2, I2, new double[][] {{1, 0.5}, {0, 1}}, I2));
        assertTrue(error(I2, I2, new double[][] {{1, 0}, {0, -1}}, I2)
                .contains("Q must be positive semidefinite, but its smallest eigenvalue is -1.0"));
        assertTrue(error(I2, I2, I2, new double[][] {{1, 0}, {0, 0}})
                .contains("R must be positive definite, but its smallest eigenvalue is 0.0"));
        assertTrue(error(I2, I2, I2, new double[][] {{1}}).contains("R must be 2x2 (B has 2 columns), got 1x1"));
        assertTrue(error(I2, I2, new double[][] {{1, Double.NaN}, {0, 1}}, I2).contains("Q[0][1] must be finite"));
    }

    @Test
    void unstabilisablePairsHaveNoStabilisingGain() {
        String msg = error(new double[][] {{2, 0}, {0, 1}}, new double[][] {{0}, {1}}, I2, new double[][] {{1}});
        assertTrue(msg.startsWith("test.yaml: (A, B) is not stabilisable"), msg);
        assertTrue(msg.contains("[2.00000]") && msg.contains("no stabilising gain exists"), msg);
        // the same uncontrollable mode inside the unit circle is fine
        new LqrSystem("t", "t", new double[][] {{0.5, 0}, {0, 1.5}}, new double[][] {{0}, {1}}, I2,
                new double[][] {{1}}, 1, 1, 10);
        // the double integrator's repeated eigenvalue 1 is controllable
        assertEquals(0, Stabilisability.uncontrollableEigenvalues(LqrSystems.builtIn("double-integrator").a(),
                LqrSystems.builtIn("double-integrator").b())[0].length);
    }

    @Test
    void yamlAndJsonFilesParse() throws Exception {
        Path yaml = Path.of(getClass().getResource("/baselines/lqr/double-integrator.yaml").toURI());
        Path json = Path.of(getClass().getResource("/baselines/lqr/laplacian-cheap.json").toURI());
        LqrSystem di = LqrSystems.load(yaml);
        assertEquals("double-integrator-file", di.name());
        assertEquals(0.5, di.noiseStd());
        assertEquals(30, di.horizon());
        LqrSolution s = Riccati.solve(di);
        assertEquals(-0.480534, s.k()[0][0], 1e-6);
        assertEquals(0.25 * 5.931125, s.costStar(), 1e-5);
        LqrSystem lap = LqrSystems.load(json);
        assertEquals("laplacian-cheap", lap.name());
        assertEquals(4.898279, Mat.trace(Riccati.solve(lap).p()), 1e-5);
        assertEquals(LqrSystems.DEFAULT_HORIZON, lap.horizon());
    }

    @Test
    void fileMistakesNameFileAndField() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "A: [[1, 1], [0, 1]]\nB: [[0], [1]]\nQ: 1\nR: [[1]]\nnoise: 2\n");
        String m = assertThrows(InvalidSystemException.class, () -> LqrSystems.load(f)).getMessage();
        assertEquals(f + ": unknown key 'noise'; allowed: A, B, Q, R, noise_std, x0_std, horizon, name", m);
        Files.writeString(f, "A: [[1, 1], [0, 1]]\nB: [[0], [1]]\nQ: 1\nR: [[one]]\n");
        m = assertThrows(InvalidSystemException.class, () -> LqrSystems.load(f)).getMessage();
        assertEquals(f + ": R[0][0] must be a number, got one", m);
        Files.writeString(f, "A: [[1, 1], [0, 1]]\nB: [[0], [1]]\nR: [[1]]\n");
        m = assertThrows(InvalidSystemException.class, () -> LqrSystems.load(f)).getMessage();
        assertEquals(f + ": missing key 'Q'", m);
        Files.writeString(f, "A: [[1, 1], [0, 1]]\nB: [[0], [1]]\nQ: 1\nR: [[1]]\nhorizon: 2.5\n");
        m = assertThrows(InvalidSystemException.class, () -> LqrSystems.load(f)).getMessage();
        assertTrue(m.contains("horizon must be a whole number"), m);
        m = assertThrows(InvalidSystemException.class, () -> LqrSystems.resolve("no-such-system")).getMessage();
        assertTrue(m.contains("unknown system 'no-such-system'"), m);
    }
}
