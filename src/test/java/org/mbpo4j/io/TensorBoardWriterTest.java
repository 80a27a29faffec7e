package org.mbpo4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event files read back record by record: framing, checksums, the version event, scalars, the resume marker. */
class TensorBoardWriterTest {

    @Test
    void scalarsReadBackWithTheirStepsAndTags(@TempDir Path dir) throws Exception {
        try (TensorBoardWriter w = TensorBoardWriter.create(dir, 0)) {
            w.scalar("eval/mean_return", 1000, -150.25);
            w.scalar("train/alpha", 1000, 0.125);
            w.scalar("train/skipped", 1000, Double.NaN);
            assertTrue(w.file().getFileName().toString().startsWith("events.out.tfevents."));
        }
        List<TensorBoardEvents.Event> ev = TensorBoardEvents.readDir(dir);
        assertEquals(3, ev.size(), ev.toString());
        assertEquals("brain.Event:2", ev.get(0).fileVersion());
        assertEquals("eval/mean_return", ev.get(1).tag());
        assertEquals(1000, ev.get(1).step());
        assertEquals(-150.25f, ev.get(1).value());
        assertEquals("train/alpha", ev.get(2).tag());
        assertEquals(0.125f, ev.get(2).value());
        assertTrue(ev.get(1).wallTime() > 1.7e9, "wall time in seconds since the epoch");
    }

    @Test
    void aResumedRunsFileStartsWithASessionStartAtItsStep(@TempDir Path dir) throws Exception {
        try (TensorBoardWriter w = TensorBoardWriter.create(dir, 2501)) {
            w.scalar("x", 3000, 1);
        }
        List<TensorBoardEvents.Event> ev = TensorBoardEvents.readDir(dir);
        assertEquals(1, ev.get(1).sessionStatus(), "SessionLog.START");
        assertEquals(2501, ev.get(1).step());
        assertEquals("x", ev.get(2).tag());
    }
}
