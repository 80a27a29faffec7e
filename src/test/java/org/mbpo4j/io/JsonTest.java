package org.mbpo4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path dir;

    @Test
    void lineKeepsKeyOrderAndWritesNonFiniteAsNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Double.NaN);
        m.put("m", new double[] {1.5, Double.POSITIVE_INFINITY});
        m.put("f", Float.NEGATIVE_INFINITY);
        m.put("p", Path.of("runs", "x"));
        assertEquals("{\"z\":1,\"a\":null,\"m\":[1.5,null],\"f\":null,\"p\":\"runs/x\"}", Json.line(m));
    }

    @Test
    void prettyIsIndentedWithNewlines() {
        String s = Json.pretty(Map.of("k", List.of(1, 2)));
        assertTrue(s.contains("\n  \"k\""), s);
        assertTrue(s.endsWith("}\n"), s);
        assertFalse(s.contains("\r"));
    }

    @Test
    void doublesAndLongsRoundTripExactly() {
        SplittableRandom r = new SplittableRandom(7);
        double[] ds = new double[200];
        long[] ls = new long[200];
        for (int i = 0; i < ds.length; i++) {
            ds[i] = Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (i % 2 == 0 ? 1 : -1);
            ls[i] = r.nextLong();
        }
        ds[0] = Double.MIN_VALUE;
        ds[1] = 0.1 + 0.2;
        ls[0] = Long.MIN_VALUE;
        ls[1] = Long.MAX_VALUE;
        ls[2] = 7;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("d", ds);
        m.put("l", ls);
        m.put("one", 1);
        Map<String, Object> back = Json.parseMap(Json.line(m));
        assertArrayEquals(ds, Json.doubleArray(back.get("d")));
        assertArrayEquals(ls, Json.longArray(back.get("l")));
        assertEquals(1L, back.get("one"));
    }

    @Test
    void readMapPreservesOrderAndNesting() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", Map.of("x", 2.5));
        m.put("a", List.of("s", true));
        m.put("nan", Double.NaN);
        Path f = dir.resolve("m.json");
        AtomicFiles.writeString(f, Json.pretty(m));
        Map<String, Object> back = Json.readMap(f);
        assertEquals(List.of("b", "a", "nan"), List.copyOf(back.keySet()));
        assertEquals(Map.of("x", 2.5), back.get("b"));
        assertEquals(List.of("s", true), back.get("a"));
        assertNull(back.get("nan"));
        assertEquals(2.5, Json.read(f).get("b").get("x").asDouble());
    }

    @Test
    void decodingHelpersRejectWrongTypes() {
        assertThrows(IllegalArgumentException.class, () -> Json.longArray(List.of(1L, 2.5)));
        assertThrows(IllegalArgumentException.class, () -> Json.longArray("x"));
        assertArrayEquals(new double[] {Double.NaN, 1}, Json.doubleArray(java.util.Arrays.asList(null, 1L)));
        assertThrows(IllegalArgumentException.class, () -> Json.readMap(writeText("[1,2]")));
        assertThrows(IllegalArgumentException.class, () -> Json.readMap(writeText("{oops")));
    }

    private Path writeText(String s) {
        Path f = dir.resolve("t" + s.hashCode() + ".json");
        AtomicFiles.writeString(f, s);
        return f;
    }
}
