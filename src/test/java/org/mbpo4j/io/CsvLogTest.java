package org.mbpo4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLogTest {
    @TempDir
    Path dir;

    private static final List<String> HEADER = List.of("step", "loss", "name", "ok");

    @Test
    void appendRewritesFileWithCompactFormatting() throws IOException {
        Path f = dir.resolve("m.csv");
        CsvLog log = CsvLog.create(f, HEADER);
        assertEquals("step,loss,name,ok\n", Files.readString(f));
        log.append(List.of(1000, 0.1 + 0.2, "plain", true));
        log.append(Arrays.asList(2000L, Double.NaN, "a,b \"q\"", null));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", Double.NEGATIVE_INFINITY);
        m.put("step", 3000);
        log.append(m);
        log.append(List.of(4000, 1.0e-7, 2.5f, 1.0));
        assertEquals("step,loss,name,ok\n"
                + "1000,0.30000000000000004,plain,true\n"
                + "2000,,\"a,b \"\"q\"\"\",\n"
                + "3000,-inf,,\n"
                + "4000,1.0E-7,2.5,1.0\n", Files.readString(f));
        assertEquals(4, log.size());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "temp files left behind");
        }
    }

    @Test
    void badRowsAreRejectedNamingTheProblem() {
        CsvLog log = CsvLog.create(dir.resolve("m.csv"), HEADER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.append(List.of(1, 2)));
        assertTrue(e.getMessage().contains("2 values") && e.getMessage().contains("4 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> log.append(Map.of("los", 1.0)));
        assertTrue(e.getMessage().contains("'los'"), e.getMessage());
        assertEquals(0, log.size());
        assertThrows(IllegalArgumentException.class, () -> CsvLog.create(dir.resolve("d.csv"), List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> log.column("nope"));
    }

    @Test
    void createRefusesExistingFile() throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, "old\n");
        assertThrows(IllegalStateException.class, () -> CsvLog.create(f, HEADER));
        assertEquals("old\n", Files.readString(f));
    }

    @Test
    void openReloadsRowsAndKeepsAppending() throws IOException {
        Path f = dir.resolve("m.csv");
        CsvLog log = CsvLog.create(f, HEADER);
        log.append(List.of(1, 0.5, "x\ny", false));
        log.append(Arrays.asList(2, Double.NaN, "", true));
        String before = Files.readString(f);

        CsvLog again = CsvLog.open(f, HEADER);
        assertEquals(log.rows(), again.rows());
        assertEquals(List.of("1", "0.5", "x\ny", "false"), again.rows().get(0));
        assertArrayEquals(new double[] {0.5, Double.NaN}, again.column("loss"));
        again.append(List.of(3, 0.25, "z", true));
        assertEquals(before + "3,0.25,z,true\n", Files.readString(f));

        again.truncate(1);
        assertEquals(1, CsvLog.open(f, HEADER).size());
        assertThrows(IllegalArgumentException.class, () -> again.truncate(5));
    }

    @Test
    void openRejectsOtherHeaderOrRaggedRows() throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, "step,loss\n1,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvLog.open(f, HEADER));
        assertTrue(e.getMessage().contains("step,loss"), e.getMessage());
        Files.writeString(f, "step,loss,name,ok\n1,2\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvLog.open(f, HEADER));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void openAddingColumnsCarriesAnOlderLogIntoTheWiderHeader() throws IOException {
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, "step,name\n1000,\"a,b\"\n2000,\n");
        String before = Files.readString(f);
        List<String> wider = List.of("step", "loss", "name", "q");

        CsvLog log = CsvLog.openAddingColumns(f, wider);
        assertEquals(wider, log.header());
        assertEquals(List.of(List.of("1000", "", "a,b", ""), List.of("2000", "", "", "")), log.rows());
        assertEquals(before, Files.readString(f), "opening alone rewrites nothing");
        log.append(List.of(3000, 0.5, "c", 7.0));
        assertEquals("step,loss,name,q\n1000,,\"a,b\",\n2000,,,\n3000,0.5,c,7.0\n", Files.readString(f));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 7.0}, log.column("q"));

        // the same header: the plain reload
        assertEquals(log.rows(), CsvLog.openAddingColumns(f, wider).rows());
        // a missing file: a new one
        assertEquals("a\n", Files.readString(CsvLog.openAddingColumns(dir.resolve("new.csv"), List.of("a")).file()));
    }

    @Test
    void openAddingColumnsRefusesToDropAColumn() throws IOException {
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, "step,per_beta,loss\n1,0.4,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvLog.openAddingColumns(f, List.of("step", "loss", "q")));
        assertTrue(e.getMessage().contains("per_beta") && e.getMessage().contains(f.toString()), e.getMessage());
        assertEquals("step,per_beta,loss\n1,0.4,2\n", Files.readString(f));
        Files.writeString(f, "step,loss\n1\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvLog.openAddingColumns(f, List.of("step", "loss", "q")));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void openCreatesMissingFile() throws IOException {
        Path f = dir.resolve("new.csv");
        CsvLog log = CsvLog.open(f, List.of("a"));
        assertEquals(0, log.size());
        assertEquals("a\n", Files.readString(f));
    }

    @Test
    void formatCells() {
        assertEquals("7", CsvLog.format(7));
        assertEquals("-12345678901", CsvLog.format(-12345678901L));
        assertEquals("1.0E20", CsvLog.format(1e20));
        assertEquals("inf", CsvLog.format(Double.POSITIVE_INFINITY));
        assertEquals("", CsvLog.format(Float.NaN));
        assertEquals("0.1", CsvLog.format(0.1f));
        assertEquals("", CsvLog.format(null));
    }

    @Test
    void readTakesTheHeaderFromTheFileAndRefusesEmptyOrRaggedFiles() throws IOException {
        Path f = dir.resolve("any.csv");
        Files.writeString(f, "step,\"a,b\",x\n1,2,inf\n2,,3\n");
        CsvLog log = CsvLog.read(f);
        assertEquals(List.of("step", "a,b", "x"), log.header());
        assertArrayEquals(new double[] {1, 2}, log.column("step"));
        assertTrue(Double.isNaN(log.column("a,b")[1]));
        assertEquals(Double.POSITIVE_INFINITY, log.column("x")[0]);
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertEquals(empty + " is empty; expected a header line",
                assertThrows(IllegalArgumentException.class, () -> CsvLog.read(empty)).getMessage());
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1\n");
        assertEquals(ragged + " row 1 has 1 cells, the header has 2",
                assertThrows(IllegalArgumentException.class, () -> CsvLog.read(ragged)).getMessage());
    }
}
