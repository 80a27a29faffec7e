package org.mbpo4j.baselines.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading, writing and validating MDP files. */
class MdpJsonTest {
    /** A valid two-state MDP; the validation cases each break one rule of it. */
    static final String BASE = "{\"states\":2,\"actions\":2,\"gamma\":0.9,"
            + "\"P\":[[[1,0],[0,1]],[[0.5,0.5],[1,0]]],\"R\":[[1,0],[2,0]],\"start\":[1,0]}";

    @TempDir
    Path tmp;

    static TabularMdp parse(String json) {
        return MdpJson.parse(json, "test.json", "t");
    }

    @Test
    void theBaseIsValid() {
        TabularMdp m = parse(BASE);
        assertEquals("t", m.name());
        assertEquals(2, m.states());
        assertEquals(0.5, m.p(1, 0, 1));
        assertEquals(2, m.reward(1, 0, 0));
        assertFalse(m.rewardsPerTransition());
        assertEquals(2, m.expectedReward(1, 0));
    }

    /** Each rule: the change to {@link #BASE} that breaks it, and what the message must say. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"P\":[[[1,0],[0,1]],[[0.5,0.5],[1,0]]],`|``|missing required field \"P\"",
        "`\"gamma\":0.9,`|`\"gama\":0.9,`|unknown field \"gama\" (did you mean \"gamma\"?); fields: states, actions",
        "`\"start\":[1,0]`|`\"start\":[1,0],\"terminals\":[1]`|unknown field \"terminals\" (did you mean \"terminal\"?)",
        "`\"P\":`|`\"p\":`|unknown field \"p\" (did you mean \"P\"?)",
        "`\"start\":[1,0]`|`\"start_state\":0`|unknown field \"start_state\" (did you mean \"start\"?)",
        "`\"gamma\":0.9,`|`\"gamma\":0.9,\"gamma\":0.8,`|Duplicate field 'gamma'",
        "`\"states\":2`|`\"states\":0`|states is 0, must be an integer >= 1",
        "`\"states\":2`|`\"states\":2.5`|states is 2.5, must be an integer",
        "`\"actions\":2`|`\"actions\":\"two\"`|actions is \"two\", must be an integer",
        "`\"gamma\":0.9`|`\"gamma\":0`|gamma is 0.0, must be in (0, 1]",
        "`\"gamma\":0.9`|`\"gamma\":1.5`|gamma is 1.5, must be in (0, 1]",
        "`\"gamma\":0.9`|`\"gamma\":NaN`|gamma is NaN",
        "`\"gamma\":0.9`|`\"gamma\":1`|gamma is 1 but the MDP has no terminal states and no horizon",
        "`[[[1,0],[0,1]],[[0.5,0.5],[1,0]]]`|`[[[1,0],[0,1]]]`|P has 1 entries, expected states = 2",
        "`[[0.5,0.5],[1,0]]]`|`[[0.5,0.5]]]`|P[1] has 1 entries, expected actions = 2",
        "`[[0.5,0.5],[1,0]]]`|`[[0.5,0.5,0],[1,0]]]`|P[1][0] has 3 entries, expected states = 2",
        "`[[0.5,0.5],[1,0]]]`|`[[1.5,-0.5],[1,0]]]`|P[1][0][1] is -0.5, probabilities must be >= 0",
        "`[[0.5,0.5],[1,0]]]`|`[[0.5,0.4],[1,0]]]`|P[1][0] sums to 0.9, must sum to 1 within 1e-9",
        "`[[0.5,0.5],[1,0]]]`|`[[NaN,1],[1,0]]]`|P[1][0][0] is NaN, must be a finite number",
        "`[[0.5,0.5],[1,0]]]`|`[[null,1],[1,0]]]`|P[1][0][0] is null, must be a number",
        "`\"R\":[[1,0],[2,0]]`|`\"R\":[[1,0],[NaN,0]]`|R[1][0] is NaN, must be a finite number",
        "`\"R\":[[1,0],[2,0]]`|`\"R\":[[1,Infinity],[2,0]]`|R[0][1] is Infinity, must be a finite number",
        "`\"R\":[[1,0],[2,0]]`|`\"R\":[[1,0]]`|R has 1 entries, expected states = 2",
        "`\"R\":[[1,0],[2,0]]`|`\"R\":[[1,0],[2]]`|R[1] has 1 entries, expected actions = 2",
        "`\"R\":[[1,0],[2,0]]`|`\"R\":[[1,0],[[2,0],0]]`|R[1][0] is [2,0], must be a number",
        "`\"R\":[[1,0],[2,0]]`|`\"R\":[[[0,0],[0,0]],[[0,0],[0]]]`|R[1][1] has 1 entries, expected states = 2",
        "`\"R\":[[1,0],[2,0]]`|`\"R\":[[[0,0],[0,-Infinity]],[[0,0],[0,0]]]`|R[0][1][1] is -Infinity",
        "`\"start\":[1,0]`|`\"start\":[0.5,0.4]`|start sums to 0.9, must sum to 1 within 1e-9",
        "`\"start\":[1,0]`|`\"start\":[1.5,-0.5]`|start[1] is -0.5, probabilities must be >= 0",
        "`\"start\":[1,0]`|`\"start\":[1,0,0]`|start has 3 entries, expected states = 2",
        "`\"start\":[1,0]`|`\"start\":[1,0],\"terminal\":[2]`|terminal[0] is 2, must be a state id in [0, 2)",
        "`\"start\":[1,0]`|`\"start\":[1,0],\"terminal\":[1,1]`|terminal[1] is 1, which is listed twice",
        "`\"start\":[1,0]`|`\"start\":[1,0],\"terminal\":1`|terminal is 1, must be a list of state ids",
        "`\"start\":[1,0]`|`\"start\":[1,0],\"horizon\":0`|horizon is 0, must be an integer in [1, 1000000]",
        "`\"start\":[1,0]`|`\"start\":[1,0],\"horizon\":2.5`|horizon is 2.5, must be an integer",
        "`\"start\":[1,0]`|`\"start\":[1,0],\"horizon\":2000000`|horizon is 2000000, must be an integer in [1,",
        "`\"start\":[1,0]}`|`\"start\":[1,0]`|invalid JSON",
    })
    void eachRuleIsReportedByFieldIndexAndValue(String from, String to, String expected) {
        assertTrue(BASE.contains(from), "test case does not apply: " + from);
        String broken = BASE.replace(from, to);
        InvalidMdpException e = assertThrows(InvalidMdpException.class, () -> parse(broken));
        assertTrue(e.getMessage().startsWith("test.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void otherExtraFieldsAreIgnoredWithAWarning() {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        TabularMdp m = MdpJson.parse(BASE.replace("\"start\"", "\"source\":\"me\",\"_comment\":1,\"Q\":[],\"start\""),
                "test.json", "t", warnings::add);
        assertEquals(parse(BASE), m);
        assertEquals(java.util.List.of("test.json: field \"source\" is not part of the MDP format; ignored",
                "test.json: field \"_comment\" is not part of the MDP format; ignored",
                "test.json: field \"Q\" is not part of the MDP format; ignored"), warnings);
    }

    @Test
    void notAnObject() {
        assertTrue(assertThrows(InvalidMdpException.class, () -> parse("[1, 2]")).getMessage()
                .contains("expected a JSON object"));
        assertTrue(assertThrows(InvalidMdpException.class, () -> parse("")).getMessage()
                .contains("expected a JSON object"));
    }

    @Test
    void whatTheRulesAllow() {
        // rows summing to 1 within 1e-9
        parse(BASE.replace("[[0.5,0.5],[1,0]]]", "[[0.5,0.5000000009],[1,0]]]"));
        // a terminal state's rows may be all zeros; gamma 1 is fine with a terminal state
        TabularMdp t = parse(BASE.replace("[[0.5,0.5],[1,0]]]", "[[0,0],[0,0]]]").replace("\"gamma\":0.9",
                "\"gamma\":1").replace("\"start\":[1,0]", "\"start\":[1,0],\"terminal\":[1]"));
        assertTrue(t.isTerminal(1));
        // ... or with a horizon; comments, a name and a description are allowed
        TabularMdp h = parse(BASE.replace("\"gamma\":0.9", "\"gamma\":1 // undiscounted\n")
                .replace("\"start\":[1,0]", "\"start\":[1,0],\"horizon\":5,\"name\":\"h\",\"description\":\"x\""));
        assertEquals(5, h.horizon());
        assertEquals("h", h.name());
        // a missing terminal list or horizon may also be given as null
        assertEquals(0, parse(BASE.replace("\"start\":[1,0]", "\"start\":[1,0],\"horizon\":null")).horizon());
    }

    @Test
    void aFileRoundTrips() throws Exception {
        Path source = Path.of("src/test/resources/baselines/tabular/per-transition.json");
        TabularMdp m = MdpJson.read(source);
        assertEquals("per-transition", m.name());
        assertTrue(m.rewardsPerTransition());
        assertEquals(4, m.horizon());
        assertArrayEquals(new int[] {3}, m.terminalStates());
        Path copy = tmp.resolve("copy.json");
        MdpJson.write(copy, m);
        TabularMdp back = MdpJson.read(copy);
        assertEquals(m, back);
        assertEquals(m.hashCode(), back.hashCode());
        assertEquals(MdpJson.toJson(m), Files.readString(copy));
        // the same through the state-action reward form, and for every built-in
        TabularMdp sa = MdpJson.read(Path.of("src/test/resources/baselines/tabular/two-state.json"));
        assertEquals(sa, MdpJson.parse(MdpJson.toJson(sa), "copy", "x"));
        for (String name : BuiltinMdps.names()) {
            TabularMdp b = BuiltinMdps.get(name, 0.95);
            assertEquals(b, MdpJson.parse(MdpJson.toJson(b), name, "x"), name);
        }
        // a file without a name is named after the file
        Path unnamed = tmp.resolve("my-mdp.json");
        Files.writeString(unnamed, BASE);
        assertEquals("my-mdp", MdpJson.read(unnamed).name());
    }

    @Test
    void aMissingFileIsAnIoError() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> MdpJson.read(tmp.resolve("no.json")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void theBuilderChecksToo() {
        InvalidMdpException e = assertThrows(InvalidMdpException.class, () -> BuiltinMdps.get("nchain5", 1.0));
        assertTrue(e.getMessage().contains("gamma is 1 but"), e.getMessage());
        assertTrue(assertThrows(InvalidMdpException.class, () -> BuiltinMdps.get("nchain5", 0.9).withGamma(-1))
                .getMessage().contains("gamma is -1.0, must be in (0, 1]"));
    }
}
