package org.mbpo4j.env.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.env.Envs;
import org.mbpo4j.run.config.Algo;
import org.mbpo4j.run.config.ConfigLoader;
import org.mbpo4j.run.config.RunConfig;

/** configs/hoppersized-mbpo.yaml (resolved from the project root, as Maven runs tests) has Hopper's MBPO sizes. */
class HopperSizedConfigTest {

    @Test
    void thePresetRunsMbpoAtHoppersSizesWithKFifteenFromTheStart() {
        RunConfig c = ConfigLoader.load(Path.of("configs/hoppersized-mbpo.yaml"), List.of());
        assertEquals(HopperSized.ID, c.env());
        Envs.spec(c.env());
        assertEquals(Algo.MBPO, c.algo());
        assertEquals(1000, c.train().epochLength());
        assertEquals(1, c.train().evalEpisodes());
        assertEquals(5000, c.mbpo().initSteps());
        assertEquals(20, c.mbpo().updatesPerStep());
        assertEquals(100_000, c.mbpo().rolloutBatchSize());
        assertEquals(0.05, c.mbpo().realRatio());
        for (long epoch = 0; epoch < 200; epoch++) {
            assertEquals(15, c.mbpo().toOptions().rolloutLength(epoch), "k at epoch " + epoch);
        }
        assertEquals(List.of(256, 256), c.sac().hidden());
        assertEquals(256, c.sac().batchSize());
        assertEquals(-1.0, c.sac().targetEntropyFor(3));
        assertEquals(7, c.model().members());
        assertEquals(5, c.model().elites());
        assertEquals(200, c.model().hidden());
        assertEquals(4, c.model().hiddenLayers());
        assertEquals(250, c.model().trainEvery());
        assertTrue(c.train().steps() > c.mbpo().initSteps(), "the preset gets past the exploration");
    }
}
