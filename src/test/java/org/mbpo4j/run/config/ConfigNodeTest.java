package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConfigNodeTest {
    enum Mode { FAST_SLOW, SLOW }

    private static ConfigNode node(String yaml) {
        return ConfigNode.of((Map<?, ?>) YamlIo.load(yaml, "test", null));
    }

    private static String error(Executable e) {
        return assertThrows(ConfigException.class, e).getMessage();
    }

    @Test
    void booleansAreOnlyTrueAndFalse() {
        ConfigNode n = node("a: true\nb: False\nc: yes\nd: 1\ne: on\n");
        assertTrue(n.getBool("a", false));
        assertFalse(n.getBool("b", true));
        assertTrue(n.getBool("absent", true));
        assertEquals("c: must be true or false, got \"yes\"", error(() -> n.getBool("c", false)));
        assertEquals("d: must be true or false, got 1", error(() -> n.getBool("d", false)));
        assertEquals("e: must be true or false, got \"on\"", error(() -> n.getBool("e", false)));
    }

    @Test
    void integersRejectOtherTypesAndCheckRanges() {
        ConfigNode n = node("a: 5\nb: 2.5\nc: abc\nd: true\ne: [1]\nf: 3000000000\ng: 99999999999999999999\nh: -3\n");
        assertEquals(5, n.getInt("a", 0, 0, 10));
        assertEquals(7, n.getInt("absent", 7, 0, 10));
        assertEquals("b: must be an integer in [0, 10], got 2.5", error(() -> n.getInt("b", 0, 0, 10)));
        assertEquals("c: must be an integer in [0, 10], got \"abc\"", error(() -> n.getInt("c", 0, 0, 10)));
        assertEquals("d: must be an integer in [0, 10], got true", error(() -> n.getInt("d", 0, 0, 10)));
        assertEquals("e: must be an integer in [0, 10], got a list [1]", error(() -> n.getInt("e", 0, 0, 10)));
        assertEquals("f: must be an integer in [0, 2147483647], got 3000000000",
                error(() -> n.getInt("f", 0, 0, Integer.MAX_VALUE)));
        assertEquals(3_000_000_000L, n.getLong("f", 0, 0, Long.MAX_VALUE));
        assertEquals("g: must be an integer >= 0, got 99999999999999999999",
                error(() -> n.getLong("g", 0, 0, Long.MAX_VALUE)));
        assertEquals("h: must be an integer >= 1, got -3", error(() -> n.getLong("h", 1, 1, Long.MAX_VALUE)));
        assertEquals(-3, n.getLong("h", 0, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void integralFloatsAreIntegers() {
        ConfigNode n = node("a: 1e6\nb: 5.0\nc: 1.5e0\n");
        assertEquals(1_000_000, n.getInt("a", 0, 0, Integer.MAX_VALUE));
        assertEquals(5, n.getLong("b", 0, 0, 10));
        assertEquals("c: must be an integer in [0, 10], got 1.5", error(() -> n.getLong("c", 0, 0, 10)));
    }

    @Test
    void nullableIntegers() {
        ConfigNode n = node("a: null\nb: 4\nc: 2.5\n");
        assertNull(n.getNullableInt("a", 3, 0, 10));
        assertEquals(4, n.getNullableInt("b", null, 0, 10));
        assertEquals(3, n.getNullableInt("absent", 3, 0, 10));
        assertNull(n.getNullableLong("absent2", null, 0, 10));
        assertEquals("c: must be an integer in [0, 10] or null, got 2.5", error(() -> n.getNullableInt("c", null, 0, 10)));
        assertEquals("a: must be an integer in [0, 10], got null", error(() -> n.getInt("a", 0, 0, 10)));
    }

    @Test
    void doubles() {
        ConfigNode n = node("a: 3\nb: 3e-4\nc: .nan\nd: .inf\ne: abc\nf: 1.5\n");
        assertEquals(3.0, n.getDouble("a", 0, 0, 10));
        assertEquals(3e-4, n.getDouble("b", 0, 0, 1));
        assertEquals(0.25, n.getDouble("absent", 0.25, 0, 1));
        assertEquals("c: must be a finite number in [0.0, 1.0], got .nan", error(() -> n.getDouble("c", 0, 0, 1)));
        assertEquals("d: must be a finite number >= 0.0, got .inf",
                error(() -> n.getDouble("d", 0, 0, Double.POSITIVE_INFINITY)));
        assertTrue(Double.isNaN(n.getDouble("c", 0, 0, 1, true)));
        assertEquals(Double.POSITIVE_INFINITY, n.getDouble("d", 0, 0, Double.POSITIVE_INFINITY, true));
        assertEquals("d: must be a number in [0.0, 1.0], got .inf", error(() -> n.getDouble("d", 0, 0, 1, true)));
        assertEquals("e: must be a finite number, got \"abc\"",
                error(() -> n.getDouble("e", 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
        assertEquals("f: must be a finite number <= 1.0, got 1.5",
                error(() -> n.getDouble("f", 0, Double.NEGATIVE_INFINITY, 1)));
    }

    @Test
    void doublesAboveAMinimum() {
        ConfigNode n = node("a: 0.5\nb: 0\nc: 1\nd: x\ne: .inf\n");
        assertEquals(0.5, n.getDoubleAbove("a", 0.1, 0, 1));
        assertEquals(0.1, n.getDoubleAbove("absent", 0.1, 0, 1));
        assertEquals(1.0, n.getDoubleAbove("c", 0.1, 0, 1));
        assertEquals("b: must be a finite number in (0.0, 1.0], got 0", error(() -> n.getDoubleAbove("b", 0.1, 0, 1)));
        assertEquals("d: must be a finite number in (0.0, 1.0], got \"x\"", error(() -> n.getDoubleAbove("d", 0.1, 0, 1)));
        assertEquals("e: must be a finite number > 0.0, got .inf",
                error(() -> n.getDoubleAbove("e", 1, 0, Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> n.getDoubleAbove("a", 1, 1, 1));
    }

    @Test
    void nullableDoublesWithAWordForNull() {
        ConfigNode n = node("a: -1.5\nb: auto\nc: null\nd: Auto\ne: other\nf: 2\n");
        assertEquals(-1.5, n.getNullableDouble("a", null, -10, 10, "auto"));
        assertNull(n.getNullableDouble("b", 1.0, -10, 10, "auto"));
        assertNull(n.getNullableDouble("c", 1.0, -10, 10, "auto"));
        assertNull(n.getNullableDouble("d", 1.0, -10, 10, "auto"));
        assertEquals(1.0, n.getNullableDouble("absent", 1.0, -10, 10, "auto"));
        assertEquals("e: must be a finite number in [-10.0, 10.0], auto or null, got \"other\"",
                error(() -> n.getNullableDouble("e", null, -10, 10, "auto")));
        assertEquals("f: must be a finite number in [-1.0, 1.0], auto or null, got 2",
                error(() -> n.getNullableDouble("f", null, -1, 1, "auto")));
        assertEquals("b: must be a finite number or null, got \"auto\"",
                error(() -> n.getNullableDouble("b", null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null)));
    }

    @Test
    void integerLists() {
        ConfigNode n = node("a: [1, 2]\nb: []\nc: [1, 2, 3]\nd: 5\ne: [1, x]\nf: [1, 0]\ng: [2e0]\n");
        assertEquals(List.of(1, 2), n.getIntList("a", List.of(), 1, 2, 0, 9));
        assertEquals(List.of(7), n.getIntList("absent", List.of(7), 1, 2, 0, 9));
        assertEquals(List.of(), n.getIntList("b", null, 0, 2, 0, 9));
        assertEquals(List.of(2), n.getIntList("g", null, 1, 1, 0, 9));
        assertEquals("b: must be a list of 1 to 2 integers in [0, 9], got an empty list",
                error(() -> n.getIntList("b", null, 1, 2, 0, 9)));
        assertEquals("c: must be a list of 2 integers in [0, 9], got a list of 3 entries",
                error(() -> n.getIntList("c", null, 2, 2, 0, 9)));
        assertEquals("a: must be a list of 1 integer in [0, 9], got a list of 2 entries",
                error(() -> n.getIntList("a", null, 1, 1, 0, 9)));
        assertEquals("d: must be a list of 1 to 2 integers in [0, 2147483647], got 5",
                error(() -> n.getIntList("d", null, 1, 2, 0, Integer.MAX_VALUE)));
        assertEquals("e[1]: must be an integer in [0, 9], got \"x\"", error(() -> n.getIntList("e", null, 1, 2, 0, 9)));
        assertEquals("f[1]: must be an integer in [1, 9], got 0", error(() -> n.getIntList("f", null, 1, 2, 1, 9)));
        assertThrows(UnsupportedOperationException.class, () -> n.getIntList("a", null, 1, 2, 0, 9).add(3));
        assertThrows(IllegalArgumentException.class, () -> n.getIntList("a", null, 2, 1, 0, 9));
    }

    @Test
    void distinctIntegerLists() {
        ConfigNode n = node("a: [3, 1, 3]\nb: []\nc: [0, 1]\n");
        assertEquals(List.of(3, 1, 3), n.getIntList("a", null, 0, 5, 0, 9));
        assertEquals("a: must be a list of 0 to 5 distinct integers in [0, 9], got 3 at both [0] and [2]",
                error(() -> n.getIntList("a", null, 0, 5, 0, 9, true)));
        assertEquals(List.of(), n.getIntList("b", null, 0, 5, 0, 9, true));
        assertEquals(List.of(0, 1), n.getIntList("c", null, 0, 5, 0, 9, true));
        assertEquals(List.of(4), n.getIntList("absent", List.of(4), 0, 5, 0, 9, true));
    }

    @Test
    void numberLists() {
        ConfigNode n = node("a: [0.5, 1]\nb: []\nc: 0.5\nd: [0.5, -1]\ne: [.inf]\nf: [x]\ng: [1, 2, 3]\n");
        assertEquals(List.of(0.5, 1.0), n.getDoubleList("a", null, 1, 3, 0, 1));
        assertEquals(List.of(0.25), n.getDoubleList("absent", List.of(0.25), 1, 3, 0, 1));
        assertEquals("b: must be a list of 1 to 3 finite numbers in [0.0, 1.0], got an empty list",
                error(() -> n.getDoubleList("b", null, 1, 3, 0, 1)));
        assertEquals("c: must be a list of 1 finite number in [0.0, 1.0], got 0.5",
                error(() -> n.getDoubleList("c", null, 1, 1, 0, 1)));
        assertEquals("d[1]: must be a finite number in [0.0, 1.0], got -1", error(() -> n.getDoubleList("d", null, 1, 3, 0, 1)));
        assertEquals("e[0]: must be a finite number, got .inf", error(() -> n.getDoubleList("e", null, 1, 3,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)));
        assertEquals("f[0]: must be a finite number in [0.0, 1.0], got \"x\"", error(() -> n.getDoubleList("f", null, 1, 3, 0, 1)));
        assertEquals("g: must be a list of 2 finite numbers in [0.0, 9.0], got a list of 3 entries",
                error(() -> n.getDoubleList("g", null, 2, 2, 0, 9)));
        assertThrows(UnsupportedOperationException.class, () -> n.getDoubleList("a", null, 1, 3, 0, 1).add(0.0));
        assertThrows(IllegalArgumentException.class, () -> n.getDoubleList("a", null, 3, 1, 0, 1));
    }

    @Test
    void doublesBelowAMaximumAndNullableAboveAMinimum() {
        ConfigNode n = node("a: 0\nb: 1\nc: null\nd: 0.5\ne: 0\n");
        assertEquals(0.0, n.getDoubleBelow("a", 0.5, 0, 1));
        assertEquals(0.5, n.getDoubleBelow("absent", 0.5, 0, 1));
        assertEquals("b: must be a finite number in [0.0, 1.0), got 1", error(() -> n.getDoubleBelow("b", 0, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> n.getDoubleBelow("a", 0, 1, 1));
        assertNull(n.getNullableDoubleAbove("c", 2.0, 0, 1));
        assertEquals(0.5, n.getNullableDoubleAbove("d", null, 0, 1));
        assertNull(n.getNullableDoubleAbove("absent", null, 0, 1));
        assertEquals("e: must be a finite number in (0.0, 1.0] or null, got 0",
                error(() -> n.getNullableDoubleAbove("e", null, 0, 1)));
    }

    @Test
    void strings() {
        ConfigNode n = node("a: hello\nb: 5\nc: null\nd: c\ne: '5'\n");
        assertEquals("hello", n.getString("a", "x"));
        assertEquals("x", n.getString("absent", "x"));
        assertEquals("5", n.getString("e", null));
        assertEquals("b: must be a string, got 5", error(() -> n.getString("b", "x")));
        assertEquals("c: must be a string, got null", error(() -> n.getString("c", "x")));
        assertNull(n.getNullableString("c", "x"));
        assertEquals("d: must be one of: a, b, got \"c\"", error(() -> n.getString("d", "a", List.of("a", "b"))));
        assertEquals("hello", n.getString("a", "x", List.of("hello")));
        assertEquals("b: must be a string or null, got 5", error(() -> n.getNullableString("b", null)));
        assertEquals("x: required key is missing; expected a string", error(() -> n.requireString("x")));
    }

    @Test
    void enumsAreCaseInsensitiveAndListLowerCaseNames() {
        ConfigNode n = node("a: fast_slow\nb: SLOW\nc: Medium\nd: 1\n");
        assertEquals(Mode.FAST_SLOW, n.getEnum("a", Mode.class, Mode.SLOW));
        assertEquals(Mode.SLOW, n.getEnum("b", Mode.class, null));
        assertEquals(Mode.SLOW, n.getEnum("absent", Mode.class, Mode.SLOW));
        assertEquals("c: must be one of: fast_slow, slow, got \"Medium\"", error(() -> n.getEnum("c", Mode.class, null)));
        assertEquals("d: must be one of: fast_slow, slow, got 1", error(() -> n.requireEnum("d", Mode.class)));
        assertEquals("e: required key is missing; expected one of: fast_slow, slow",
                error(() -> n.requireEnum("e", Mode.class)));
    }

    @Test
    void sections() {
        ConfigNode n = node("s: {x: 1}\nt: 5\nu: null\n");
        assertEquals(1, n.section("s").getInt("x", 0, 0, 9));
        assertEquals(4, n.section("missing").getInt("x", 4, 0, 9));
        assertEquals(4, n.section("u").getInt("x", 4, 0, 9));
        assertEquals("t: must be a mapping (a section of keys), got 5", error(() -> n.section("t")));
        assertEquals("s.x: must be an integer in [5, 9], got 1",
                error(() -> n.section("s", s -> s.getInt("x", 5, 5, 9))));
    }

    @Test
    void sectionReaderChecksUnknownKeysWithFullPath() {
        ConfigNode n = node("s: {x: 1, y: 2}\n");
        assertEquals("unknown key 's.y' (allowed under s: x)", error(() -> n.section("s", s -> s.getInt("x", 0, 0, 9))));
    }

    @Test
    void finishRejectsUnreadKeysIncludingThoseOfPlainSections() {
        ConfigNode n = node("alpha: 1\nbeta: 2\ns: {gama: 3}\n");
        n.getInt("alpha", 0, 0, 9);
        n.getInt("beta", 0, 0, 9);
        n.section("s").getInt("gamma", 0, 0, 9);
        ConfigException e = assertThrows(ConfigException.class, n::finish);
        assertEquals("unknown key 's.gama' (allowed under s: gamma); did you mean 'gamma'?", e.getMessage());
        assertEquals("s.gama", e.key());
        assertTrue(e.isUnknownKey());
    }

    @Test
    void finishListsKeysInReadOrder() {
        ConfigNode n = node("b: 1\nzzz: 2\n");
        n.getInt("b", 0, 0, 9);
        n.getInt("a", 0, 0, 9);
        assertEquals("unknown key 'zzz' (allowed at top level: b, a)", error(n::finish));
        ConfigNode none = node("x: 1\n");
        assertEquals("unknown key 'x' (no keys are allowed at top level)", error(none::finish));
    }

    @Test
    void hasAndKeysDoNotCountAsReading() {
        ConfigNode n = node("a: 1\n");
        assertTrue(n.has("a"));
        assertEquals(List.of("a"), List.copyOf(n.keys()));
        assertEquals("unknown key 'a' (no keys are allowed at top level)", error(n::finish));
    }

    @Test
    void nonStringKeysAreRejected() {
        assertEquals("1: keys must be strings, got 1", error(() -> node("1: x\n")));
        assertEquals("s.true: keys must be strings, got true", error(() -> node("s: {true: x}\n").section("s")));
    }

    @Test
    void emptyNodeYieldsDefaults() {
        ConfigNode n = ConfigNode.empty();
        assertEquals(3, n.getInt("a", 3, 0, 9));
        n.finish();
        ConfigNode.of(null).finish();
    }
}
