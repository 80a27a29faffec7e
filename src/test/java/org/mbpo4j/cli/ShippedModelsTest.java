package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mbpo4j.env.Envs;
import org.mbpo4j.policy.PolicyFile;
import org.mbpo4j.policy.TrainedPolicy;
import org.mbpo4j.io.Json;

/**
 * Every policy shipped in {@code models/} loads and still earns the return its model card
 * states (the 10-episode mean from seed 0, which the plain-Java actor and the Java envs
 * reproduce exactly), so that a change of the file format or of an env can never silently
 * break them; and every file has a card and every card a file.
 */
class ShippedModelsTest {
    static final Path MODELS = Path.of("models");

    /** A row of the cards table in models/README.md. */
    record Card(String file, String env, String algo, long steps, long seed, double mean10, long bytes) {
    }

    static List<Card> cards() throws Exception {
        List<Card> cards = new ArrayList<>();
        for (String line : Files.readAllLines(MODELS.resolve("README.md"))) {
            if (!line.startsWith("| `") || !line.contains(PolicyFile.EXTENSION)) {
                continue;
            }
            String[] c = line.split("\\|");
            // | file | env | algorithm | env steps | seed | 100 episodes | 10 episodes | size | command |
            cards.add(new Card(strip(c[1]), strip(c[2]), strip(c[3]), Long.parseLong(strip(c[4]).replace(",", "")),
                    Long.parseLong(strip(c[5])), Double.parseDouble(strip(c[7])),
                    Long.parseLong(strip(c[8]).replace(",", "").replace(" bytes", ""))));
        }
        return cards;
    }

    private static String strip(String cell) {
        return cell.trim().replace("`", "").replace("**", "");
    }

    @Test
    void everyFileHasACardAndEveryCardAFile() throws Exception {
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(MODELS)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(PolicyFile.EXTENSION)).forEach(files::add);
        }
        TreeSet<String> carded = new TreeSet<>();
        cards().forEach(c -> carded.add(c.file()));
        assertFalse(files.isEmpty(), "models/ ships policies");
        assertEquals(files, carded);
    }

    @Test
    void everyShippedPolicyEarnsTheReturnOnItsCard() throws Exception {
        for (Card card : cards()) {
            Path file = MODELS.resolve(card.file());
            TrainedPolicy p = PolicyFile.load(file, card.env());
            assertEquals(card.algo(), p.provenance().get("algo"), card.file());
            assertEquals(Long.toString(card.steps()), p.provenance().get("env_steps"), card.file());
            assertEquals(Long.toString(card.seed()), p.provenance().get("seed"), card.file());
            assertEquals(card.bytes(), Files.size(file), card.file());
            assertTrue(Envs.ids().contains(card.env()), card.env());
            if (Envs.unavailable(card.env()) != null) {
                continue; // a MuJoCo task on a machine without the MuJoCo library
            }
            MainTest.Run r = MainTest.mbpo("eval", "--model", file.toString(), "--episodes", "10", "--seed", "0",
                    "--json");
            assertEquals(0, r.code(), r.err());
            Map<String, Object> m = Json.parseMap(r.out().trim());
            double mean = ((Number) m.get("mean_return")).doubleValue();
            assertEquals(card.mean10(), mean, 0.01, card.file() + ": 10-episode mean from seed 0");
        }
    }
}
