package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCurveTest {
    @TempDir
    Path tmp;

    @Test
    void runsOnTheSameScheduleAreAveragedPointByPoint() {
        double[][] ms = RunCurve.meanStd(List.of(new double[] {100, 200}, new double[] {100, 200}),
                List.of(new double[] {1, 5}, new double[] {3, 5}));
        assertArrayEquals(new double[] {100, 200}, ms[0]);
        assertArrayEquals(new double[] {2, 5}, ms[1]);
        assertArrayEquals(new double[] {1, 0}, ms[2]);
    }

    @Test
    void episodesEndingAtDifferentStepsAreHeldUntilTheNextOne() {
        // run A: episodes end at 20 (return 10) and 60 (30); run B: at 30 (0), 40 (20), 90 (40)
        double[][] ms = RunCurve.meanStd(List.of(new double[] {20, 60}, new double[] {30, 40, 90}),
                List.of(new double[] {10, 30}, new double[] {0, 20, 40}));
        // from 30 on, when both runs have a return: A holds 10 until 60, B changes at 40 and 90
        assertArrayEquals(new double[] {30, 40, 60, 90}, ms[0]);
        assertArrayEquals(new double[] {5, 15, 25, 35}, ms[1]);
        assertArrayEquals(new double[] {5, 5, 5, 5}, ms[2], 1e-12);
    }

    @Test
    void mpcRunsUseTheirEpisodesAndWallTimeIsInterpolatedFromTheMetrics() throws Exception {
        Files.writeString(tmp.resolve("eval.csv"), "env_steps,mean_return,std_return,episodes,min_return,max_return,"
                + "mean_length\n");
        Files.writeString(tmp.resolve("mpc-episodes.csv"), "episode,env_steps,return,length,planned_steps,plan_ms_mean,"
                + "model_trainings\n1,25,25.0,25,0,,0\n2,75,50.0,50,50,800.0,1\n");
        Files.writeString(tmp.resolve("metrics.csv"), "env_steps,episodes,wall_s\n50,1,1.0\n100,2,41.0\n");
        RunCurve c = RunCurve.read(tmp);
        assertEquals("mpc-episodes.csv", c.source());
        assertArrayEquals(new double[] {25, 75}, c.steps());
        assertArrayEquals(new double[] {25, 50}, c.returns());
        assertArrayEquals(new double[] {0.5, 21.0}, c.wall(), 1e-12);
        assertTrue(Double.isNaN(RunCurve.interpolate(List.of(new double[] {50, 1}), 60)));
    }

    @Test
    void aMissingColumnIsNamed() throws Exception {
        Path f = tmp.resolve("x.csv");
        Files.writeString(f, "a,b\n1,2\n");
        UserError e = assertThrows(UserError.class, () -> RunCurve.columns(f, "a", "wall_s"));
        assertEquals(f + " has no column 'wall_s' (columns: a, b)", e.getMessage());
    }
}
