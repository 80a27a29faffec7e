package org.mbpo4j.env.mujoco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The cases of set A for one id, read from the test resources. */
final class SetA {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SetA() {
    }

    static List<JsonNode> cases(String id) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(MujocoTests.SET_A.resolve(id + ".jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static double[] doubles(JsonNode arr) {
        double[] d = new double[arr.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = arr.get(i).asDouble();
        }
        return d;
    }

    /** Rows {@code 0..n-1} of a list of arrays, concatenated. */
    static double[] rows(JsonNode arrays, int n) {
        int w = arrays.get(0).size();
        double[] d = new double[n * w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w; j++) {
                d[i * w + j] = arrays.get(i).get(j).asDouble();
            }
        }
        return d;
    }
}
