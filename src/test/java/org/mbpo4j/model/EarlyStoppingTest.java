package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterMoreThanPatienceEpochsWithoutAOnePercentGain() {
        EarlyStopping s = new EarlyStopping(2, 2, 0.01);
        assertArrayEquals(new boolean[] {true, true}, s.update(new double[] {1.0, 2.0}), "the first epoch improves");
        assertArrayEquals(new boolean[] {false, true}, s.update(new double[] {0.995, 1.5}), "0.5% is not enough");
        assertFalse(s.shouldStop());
        s.update(new double[] {0.992, 1.49}); // 0.8% and 0.7%: no improvement
        s.update(new double[] {0.991, 1.489});
        assertFalse(s.shouldStop(), "2 epochs without improvement: patience 2 allows them");
        s.update(new double[] {0.991, 1.489});
        assertTrue(s.shouldStop(), "the third epoch without improvement stops");
        assertArrayEquals(new double[] {1.0, 1.5}, s.best(), "the best are the snapshot's values");
    }

    @Test
    void oneImprovingMemberResetsTheCount() {
        EarlyStopping s = new EarlyStopping(2, 1, 0.01);
        s.update(new double[] {1, 1});
        s.update(new double[] {1, 1});
        assertArrayEquals(new boolean[] {false, true}, s.update(new double[] {1, 0.5}));
        s.update(new double[] {1, 0.5});
        assertFalse(s.shouldStop());
        s.update(new double[] {1, 0.5});
        assertTrue(s.shouldStop());
    }
}
