package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules between sections: settings each valid alone that together cannot work. */
class CrossSectionRulesTest {
    private static final String SRC = "configs/mbpo.yaml";
    private static final String MBPO = "env: Pendulum-v1\nalgo: mbpo\n";

    private static RunConfig parse(String yaml, String... overrides) {
        return ConfigLoader.parse(yaml, SRC, List.of(overrides));
    }

    private static String error(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
    }

    @Test
    void mbpoRefusesARealBufferTooSmallForOneModelMinibatch() {
        // 300 rows less a 20% holdout leave 240, fewer than the default minibatch of 256.
        String tooSmall = SRC + ": model.batch_size: must be <= the rows MBPO can train its model on: the real"
                + " buffer's sac.buffer_size 300 less a holdout of 60 (model.holdout_ratio 0.2, at most"
                + " model.max_holdout 5000) leaves 240, got 256; the model would never be trained (raise"
                + " sac.buffer_size or lower model.batch_size)";
        assertEquals(tooSmall, error(MBPO + "sac:\n  buffer_size: 300\n"));
        assertEquals(tooSmall.replace(SRC, SRC + " with --set sac.buffer_size=300"),
                error(MBPO, "sac.buffer_size=300"));
        assertEquals(tooSmall.replace(SRC, "--set model.batch_size=256"),
                error(MBPO + "sac:\n  buffer_size: 300\nmodel:\n  batch_size: 64\n", "model.batch_size=256"));
        // Just enough: 320 rows less 64 held out leave 256.
        assertEquals(320, parse(MBPO + "sac:\n  buffer_size: 320\n").sac().bufferSize());
        assertEquals(64, parse(MBPO + "sac:\n  buffer_size: 300\nmodel:\n  batch_size: 64\n").model().batchSize());
    }

    @Test
    void mbpoRefusesABufferThatHoldsOutNoRow() {
        assertEquals(SRC + ": model.holdout_ratio: holds out no row of the real buffer MBPO trains its model on"
                + " (sac.buffer_size 4 x 0.2 < 1), so the model would never be trained; raise sac.buffer_size or"
                + " model.holdout_ratio", error(MBPO + "sac:\n  buffer_size: 4\n  batch_size: 4\nmodel:\n"
                + "  batch_size: 1\n"));
    }

    @Test
    void onlyAnMbpoThatTrainsAModelIsHeldToIt() {
        assertEquals(300, parse("env: Pendulum-v1\nalgo: sac\nsac:\n  buffer_size: 300\n").sac().bufferSize());
        assertEquals(1.0, parse(MBPO + "sac:\n  buffer_size: 300\nmbpo:\n  real_ratio: 1\n").mbpo().realRatio());
    }
}
