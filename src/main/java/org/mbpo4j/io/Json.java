package org.mbpo4j.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * JSON for everything a run writes, through one shared, thread-safe Jackson
 * {@link ObjectMapper}.
 *
 * <ul>
 *   <li>Map keys keep their insertion order (use {@link java.util.LinkedHashMap}).</li>
 *   <li>Doubles are printed with the shortest decimal that parses back to the same double,
 *       so values survive a write/read round trip exactly.</li>
 *   <li>NaN and infinities, which JSON cannot express, are written as {@code null}
 *       ({@link #doubleArray(Object)} turns them back into NaN).</li>
 *   <li>Integers are written as JSON integers and read back as {@link Long}, so
 *       {@code long} values (RNG states) are exact; {@link #longArray(Object)} decodes them.</li>
 *   <li>{@link Path}s are written as their plain string form.</li>
 * </ul>
 */
public final class Json {
    private static final ObjectMapper MAPPER = newMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private Json() {
    }

    /** The shared mapper (configured as described above); do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as one line of JSON (no trailing newline). */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as indented JSON with {@code \n} line ends and a trailing newline. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON string into a tree. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a JSON file into a tree. */
    public static JsonNode read(Path file) {
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON file " + file);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON in " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a JSON file holding an object into an insertion-ordered map; nested objects
     * become maps, arrays lists, integers {@link Long}, other numbers {@link Double}.
     */
    public static Map<String, Object> readMap(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException("no such file: " + file));
        }
        JsonNode node = read(file);
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object in " + file
                    + ", found " + node.getNodeType());
        }
        return MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    /** Parses a JSON object string into an insertion-ordered map, typed as {@link #readMap}. */
    public static Map<String, Object> parseMap(String json) {
        JsonNode node = parse(json);
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, found " + node.getNodeType());
        }
        return MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    /**
     * Decodes a value read back from JSON (a list of integers, or a {@code long[]} still in
     * memory) into a {@code long[]}; anything else, including non-integral numbers, is an
     * {@link IllegalArgumentException}.
     */
    public static long[] longArray(Object value) {
        if (value instanceof long[] a) {
            return a.clone();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list of integers, found " + describe(value));
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
                out[i] = ((Number) o).longValue();
            } else if (o instanceof java.math.BigInteger b) {
                out[i] = b.longValueExact();
            } else {
                throw new IllegalArgumentException("element " + i + " is not an integer: " + describe(o));
            }
        }
        return out;
    }

    /**
     * Decodes a value read back from JSON (a list of numbers, {@code null} for NaN, or a
     * {@code double[]} still in memory) into a {@code double[]}.
     */
    public static double[] doubleArray(Object value) {
        if (value instanceof double[] a) {
            return a.clone();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list of numbers, found " + describe(value));
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (o == null) {
                out[i] = Double.NaN;
            } else if (o instanceof Number n) {
                out[i] = n.doubleValue();
            } else {
                throw new IllegalArgumentException("element " + i + " is not a number: " + describe(o));
            }
        }
        return out;
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName() + " " + o;
    }

    private static ObjectMapper newMapper() {
        SimpleModule module = new SimpleModule("mbpo4j-json");
        module.addSerializer(Double.class, new FiniteDoubleSerializer(Double.class));
        module.addSerializer(Double.TYPE, new FiniteDoubleSerializer(Double.TYPE));
        module.addSerializer(Float.class, new FiniteFloatSerializer(Float.class));
        module.addSerializer(Float.TYPE, new FiniteFloatSerializer(Float.TYPE));
        module.addSerializer(double[].class, new DoubleArraySerializer());
        module.addSerializer(float[].class, new FloatArraySerializer());
        module.addSerializer(Path.class, new PathSerializer());
        ObjectMapper m = new ObjectMapper();
        m.registerModule(module);
        m.disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        m.enable(DeserializationFeature.USE_LONG_FOR_INTS);
        return m;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter p = new DefaultPrettyPrinter();
        p.indentArraysWith(indenter);
        p.indentObjectsWith(indenter);
        return p;
    }

    private static void writeDouble(double v, JsonGenerator gen) throws IOException {
        if (Double.isFinite(v)) {
            gen.writeNumber(v);
        } else {
            gen.writeNull();
        }
    }

    private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
        FiniteDoubleSerializer(Class<Double> t) {
            super(t);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider p) throws IOException {
            writeDouble(value, gen);
        }
    }

    private static final class FiniteFloatSerializer extends StdSerializer<Float> {
        FiniteFloatSerializer(Class<Float> t) {
            super(t);
        }

        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider p) throws IOException {
            if (Float.isFinite(value)) {
                gen.writeNumber(value.floatValue());
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class DoubleArraySerializer extends StdSerializer<double[]> {
        DoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] value, JsonGenerator gen, SerializerProvider p) throws IOException {
            gen.writeStartArray(value, value.length);
            for (double v : value) {
                writeDouble(v, gen);
            }
            gen.writeEndArray();
        }
    }

    private static final class FloatArraySerializer extends StdSerializer<float[]> {
        FloatArraySerializer() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] value, JsonGenerator gen, SerializerProvider p) throws IOException {
            gen.writeStartArray(value, value.length);
            for (float v : value) {
                if (Float.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }

    private static final class PathSerializer extends StdSerializer<Path> {
        PathSerializer() {
            super(Path.class);
        }

        @Override
        public void serialize(Path value, JsonGenerator gen, SerializerProvider p) throws IOException {
            gen.writeString(value.toString());
        }
    }
}
