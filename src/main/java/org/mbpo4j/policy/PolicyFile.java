package org.mbpo4j.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The policy file: one self-contained, versioned, checksummed file holding a
 * {@link TrainedPolicy}. Load it in any JVM application with
 * <pre>
 *   TrainedPolicy p = PolicyFile.load(Path.of("models/pendulum-v1-mbpo.policy"));
 *   float[] action = p.act(observation);
 * </pre>
 *
 * <p>Layout (big-endian): the 14 ASCII bytes {@code mbpo4j-policy\n}; the format version
 * ({@code int}, now {@value #FORMAT_VERSION}); the header's length ({@code int}) and the header, a
 * UTF-8 {@link Properties} text (env id and options, layer sizes, activation, action bounds,
 * provenance; readable with {@code head}); the parameter count ({@code int}) and the parameters
 * ({@code float}s); the CRC-32C of every byte before it ({@code int}).
 */
public final class PolicyFile {
    /** The version of the format this build writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The usual file name extension. */
    public static final String EXTENSION = ".policy";

    private static final byte[] MAGIC = "mbpo4j-policy\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 1 << 20;
    private static final String PROVENANCE = "provenance.";

    private PolicyFile() {
    }

    /**
     * Reads a policy file.
     *
     * @throws PolicyFileException naming the file and what is wrong: missing, not a policy file,
     *     truncated, damaged, or of another format version
     */
    public static TrainedPolicy load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PolicyFileException("policy file " + file + " does not exist");
        } catch (IOException e) {
            throw new PolicyFileException("cannot read policy file " + file + ": " + e.getMessage());
        }
        return decode(bytes, file.toString());
    }

    /**
     * Reads a policy file and checks that it was trained on {@code envId}.
     *
     * @throws PolicyFileException as {@link #load(Path)}, or if the policy is for another env
     */
    public static TrainedPolicy load(Path file, String envId) {
        TrainedPolicy p = load(file);
        if (!p.envId().equals(envId)) {
            throw new PolicyFileException("policy file " + file + " holds a policy for " + p.envId() + ", not " + envId);
        }
        return p;
    }

    /** Writes {@code policy} to {@code file} (through a temporary file and a rename). */
    public static void save(TrainedPolicy policy, Path file) {
        byte[] bytes = encode(policy);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            // A temporary name of this process in the same directory (default permissions, unlike createTempFile's).
            Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(System.nanoTime()) + ".tmp");
            try {
                Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write policy file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes for {@code policy}. */
    public static byte[] encode(TrainedPolicy policy) {
        Map<String, String> h = new TreeMap<>();
        h.put("env_id", policy.envId());
        h.put("env_options", policy.envOptionsJson());
        h.put("layer_sizes", join(policy.sizes()));
        h.put("hidden_activation", policy.hiddenActivation().name().toLowerCase(Locale.ROOT));
        h.put("output", "tanh_gaussian_mean");
        h.put("action_low", join(policy.actionLow()));
        h.put("action_high", join(policy.actionHigh()));
        policy.provenance().forEach((k, v) -> h.put(PROVENANCE + k, v));
        StringBuilder text = new StringBuilder("# mbpo4j policy; the parameters follow this header\n");
        for (Map.Entry<String, String> e : h.entrySet()) {
            text.append(escape(e.getKey(), true)).append('=').append(escape(e.getValue(), false)).append('\n');
        }
        byte[] header = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bos);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(header.length);
            out.write(header);
            float[] p = policy.params();
            out.writeInt(p.length);
            for (float v : p) {
                out.writeFloat(v);
            }
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(bos.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A policy from a file's bytes; {@code name} names the file in messages. */
    public static TrainedPolicy decode(byte[] bytes, String name) {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new PolicyFileException(name + " is not an mbpo4j policy file (it does not begin with 'mbpo4j-policy';"
                    + " make one with `mbpo export RUN_DIR --out FILE`)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length,
                bytes.length - MAGIC.length));
        try {
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new PolicyFileException(name + " is a policy file of format version " + version
                        + "; this mbpo4j reads version " + FORMAT_VERSION);
            }
            if (bytes.length < 4) {
                throw new EOFException();
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            int stored = ((bytes[bytes.length - 4] & 0xff) << 24) | ((bytes[bytes.length - 3] & 0xff) << 16)
                    | ((bytes[bytes.length - 2] & 0xff) << 8) | (bytes[bytes.length - 1] & 0xff);
            int headerLength = in.readInt();
            if (headerLength < 0 || headerLength > MAX_HEADER) {
                throw new PolicyFileException(name + " is damaged: a header of " + headerLength + " bytes");
            }
            byte[] header = new byte[headerLength];
            in.readFully(header);
            int count = in.readInt();
            if (count < 0 || (long) count * 4 + 4 > in.available()) {
                throw new EOFException();
            }
            if ((int) crc.getValue() != stored) {
                throw new PolicyFileException(name + " is damaged: its checksum does not match its content");
            }
            float[] params = new float[count];
            for (int i = 0; i < count; i++) {
                params[i] = in.readFloat();
            }
            Properties props = new Properties();
            props.load(new StringReader(new String(header, StandardCharsets.UTF_8)));
            Map<String, String> provenance = new LinkedHashMap<>();
            new TreeMap<>(props).forEach((k, v) -> {
                String key = (String) k;
                if (key.startsWith(PROVENANCE)) {
                    provenance.put(key.substring(PROVENANCE.length()), (String) v);
                }
            });
            String output = required(props, "output", name);
            if (!output.equals("tanh_gaussian_mean")) {
                throw new PolicyFileException(name + " holds a policy with output '" + output
                        + "'; this mbpo4j acts only with 'tanh_gaussian_mean'");
            }
            TrainedPolicy.Activation act;
            String actName = required(props, "hidden_activation", name);
            try {
                act = TrainedPolicy.Activation.valueOf(actName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PolicyFileException(name + " names an unknown activation '" + actName + "'");
            }
            try {
                return new TrainedPolicy(required(props, "env_id", name), props.getProperty("env_options", "{}"),
                        ints(required(props, "layer_sizes", name)), act, params,
                        floats(required(props, "action_low", name)), floats(required(props, "action_high", name)),
                        provenance);
            } catch (PolicyFileException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new PolicyFileException(name + " is not a valid policy: " + e.getMessage());
            }
        } catch (EOFException e) {
            throw new PolicyFileException(name + " is truncated (" + bytes.length + " bytes): copy it again or export"
                    + " it again");
        } catch (IOException e) {
            throw new PolicyFileException(name + " cannot be read: " + e.getMessage());
        }
    }

    private static String required(Properties p, String key, String name) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new PolicyFileException(name + " is not a valid policy: its header lacks '" + key + "'");
        }
        return v;
    }

    private static String escape(String s, boolean key) {
        Properties one = new Properties();
        one.setProperty(key ? s : "k", key ? "" : s);
        StringWriter w = new StringWriter();
        try {
            one.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : w.toString().split("\n")) {
            if (!line.startsWith("#")) {
                int eq = line.indexOf('=');
                return key ? line.substring(0, eq) : line.substring(eq + 1);
            }
        }
        throw new IllegalStateException("cannot escape " + s);
    }

    private static String join(int[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.toString();
    }

    private static String join(float[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(Float.toString(v[i]));
        }
        return b.toString();
    }

    private static int[] ints(String s) {
        String[] parts = s.split(",");
        int[] v = new int[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Integer.parseInt(parts[i].trim());
        }
        return v;
    }

    private static float[] floats(String s) {
        String[] parts = s.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(parts[i].trim());
        }
        return v;
    }
}
