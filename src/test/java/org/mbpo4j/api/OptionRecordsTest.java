package org.mbpo4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.mbpo.MbpoOptions;
import org.mbpo4j.model.ModelOptions;
import org.mbpo4j.mpc.MpcOptions;
import org.mbpo4j.run.config.MbpoConfig;
import org.mbpo4j.run.config.ModelConfig;
import org.mbpo4j.run.config.MpcConfig;
import org.mbpo4j.run.config.SacConfig;
import org.mbpo4j.run.config.TrainConfig;
import org.mbpo4j.sac.SacOptions;
import org.mbpo4j.train.TrainOptions;

/**
 * The algorithms' option records: a bad value is one message naming the field and what is
 * allowed, the builders change only what they are told, and the YAML sections map onto the
 * records and back without loss, with the same defaults.
 */
class OptionRecordsTest {
    private static String message(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void aBadValueNamesTheFieldAndWhatIsAllowed() {
        assertEquals("SAC option batchSize must be <= bufferSize (100), got 256",
                message(() -> SacOptions.defaults().toBuilder().bufferSize(100).build()));
        assertEquals("SAC option gamma must be in [0, 1], got 1.5",
                message(() -> SacOptions.defaults().toBuilder().gamma(1.5).build()));
        assertEquals("model option elites must be in [1, members (3)], got 5",
                message(() -> ModelOptions.defaults().toBuilder().members(3).build()));
        assertEquals("model option weightDecay must be 1 or hiddenLayers + 1 (5) finite values >= 0, got [0.1, 0.2]",
                message(() -> ModelOptions.defaults().toBuilder().weightDecay(List.of(0.1, 0.2)).build()));
        assertEquals("MBPO option realRatio must be in [0, 1], got -0.1",
                message(() -> MbpoOptions.defaults().toBuilder().realRatio(-0.1).build()));
        assertEquals("MBPO option rolloutSchedule must be [epoch_start, epoch_end, k_min, k_max] with"
                + " 0 <= epoch_start <= epoch_end and k_min, k_max >= 1, got [5, 1, 1, 1]",
                message(() -> MbpoOptions.defaults().toBuilder().rolloutSchedule(5, 1, 1, 1).build()));
        assertEquals("MPC option elites must be in [1, population (10)], got 35",
                message(() -> MpcOptions.defaults().toBuilder().population(10, 35).build()));
        assertEquals("MPC option retrainEvery must be >= 1 when retrainEachEpisode is false (else the model is"
                + " never trained), got 0", message(() -> MpcOptions.defaults().toBuilder().retrain(0, false).build()));
        assertEquals("training option steps must be >= 1, got 0", message(() -> TrainOptions.defaults().withSteps(0)));
    }

    @Test
    void buildersChangeOnlyWhatTheyAreTold() {
        SacOptions d = SacOptions.defaults();
        SacOptions small = d.toBuilder().hidden(64, 64).build();
        assertEquals(List.of(64, 64), small.hidden());
        assertEquals(d, small.toBuilder().hidden(d.hidden()).build());
        ModelOptions m = ModelOptions.defaults().toBuilder().hidden(64, 2).build();
        assertEquals(List.of(2.5e-5), m.weightDecay(), "another depth keeps the first coefficient for every layer");
        assertEquals(3, m.weightDecayPerLayer().length);
    }

    @Test
    void theYamlSectionsMapOntoTheRecordsWithTheSameDefaults() {
        assertEquals(SacOptions.defaults(), SacConfig.defaults().toOptions());
        assertEquals(ModelOptions.defaults(), ModelConfig.defaults().toOptions());
        assertEquals(MbpoOptions.defaults(), MbpoConfig.defaults().toOptions());
        assertEquals(MpcOptions.defaults(), MpcConfig.defaults().toOptions());
        assertEquals(TrainOptions.defaults(), TrainConfig.defaults().toOptions());
        SacOptions changed = SacOptions.defaults().toBuilder().batchSize(64).targetEntropy(-1.0)
                .prioritization(SacOptions.Prioritization.off().on()).build();
        assertEquals(changed, SacConfig.of(changed).toOptions());
    }
}
