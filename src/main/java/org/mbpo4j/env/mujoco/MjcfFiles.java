package org.mbpo4j.env.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The MJCF models that define the tasks: Gymnasium 1.3.0's own files (MIT licence,
 * {@code assets/LICENSE.gymnasium}), shipped as resources. {@code mj_loadXML} reads files, so
 * they are copied once per JVM into a temporary folder removed at exit.
 */
final class MjcfFiles {
    /** The bundled files. */
    static final List<String> NAMES = List.of("ant.xml", "half_cheetah.xml", "hopper.xml", "humanoid.xml",
            "inverted_double_pendulum.xml", "inverted_pendulum.xml", "reacher.xml", "swimmer.xml", "walker2d.xml",
            "walker2d_v5.xml");
    private static final String RESOURCES = "/org/mbpo4j/env/mujoco/assets/";
    private static Path dir;

    private MjcfFiles() {
    }

    /** Whether {@code name} is one of the bundled models. */
    static boolean bundled(String name) {
        return NAMES.contains(name);
    }

    /** The path of a bundled model, copied out of the jar on first use. */
    static synchronized Path path(String name) {
        if (!bundled(name)) {
            throw new IllegalArgumentException("no bundled MJCF model '" + name + "'; bundled: " + NAMES);
        }
        if (dir == null) {
            dir = extract();
        }
        return dir.resolve(name);
    }

    private static Path extract() {
        try {
            Path d = Files.createTempDirectory("mbpo4j-mjcf-");
            d.toFile().deleteOnExit();
            for (String name : NAMES) {
                Path f = d.resolve(name);
                try (InputStream in = MjcfFiles.class.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new IllegalStateException("resource " + RESOURCES + name + " is missing from the jar");
                    }
                    Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                }
                f.toFile().deleteOnExit();
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the MJCF models to a temporary folder", e);
        }
    }
}
