package org.mbpo4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendTest {

    @Test
    void describesTheNativeOpenBlasBackend() {
        long t0 = System.nanoTime();
        BackendInfo info = Backend.describe();
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals("nd4j-native", info.backend());
        assertEquals("OPENBLAS", info.blasVendor());
        assertFalse(info.cuda());
        assertEquals("cpu", info.device());
        assertTrue(info.threads() >= 1 && info.threads() <= Math.max(64, Runtime.getRuntime().availableProcessors()));
        assertSame(info, Backend.describe(), "later calls reuse the first answer");
        assertEquals("nd4j-native", Backend.classpathBackend());
        assertTrue(info.summary().startsWith("nd4j-native (OPENBLAS, "), info.summary());
        System.out.printf("Backend.describe() took %.3f s in this JVM: %s%n", secs, info.summary());
    }

    @Test
    void startFailuresBecomeOneClearMessage() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backend.describeWith("nd4j-cuda", () -> {
                    throw new ExceptionInInitializerError(new RuntimeException("outer",
                            new UnsatisfiedLinkError("no jnind4jcuda in java.library.path")));
                }));
        assertEquals("nd4j-cuda", e.backend());
        String m = e.getMessage();
        assertTrue(m.contains("nd4j-cuda"), m);
        assertTrue(m.contains("UnsatisfiedLinkError: no jnind4jcuda in java.library.path"), m);
        assertTrue(m.contains("No CUDA device or driver found") && m.contains("rebuild without -Pcuda"), m);
        assertFalse(m.contains("\n"), "one paragraph: " + m);

        e = assertThrows(BackendUnavailableException.class,
                () -> Backend.describeWith("nd4j-native", () -> {
                    throw new RuntimeException("Could not initialize class org.nd4j.nativeblas.NativeOpsHolder");
                }));
        assertTrue(e.getMessage().contains("nd4j-native") && e.getMessage().contains("NativeOpsHolder"), e.getMessage());
        assertFalse(e.getMessage().contains("-Pcuda"));

        e = assertThrows(BackendUnavailableException.class,
                () -> Backend.describeWith("none", () -> {
                    throw new NoClassDefFoundError("org/nd4j/linalg/factory/Nd4j");
                }));
        assertTrue(e.getMessage().startsWith("No ND4J backend is on the classpath"), e.getMessage());
    }

    /**
     * ND4J and JavaCPP log a dozen INFO lines when the backend starts; logback.xml must keep
     * them off the console. Checked in a child JVM, because logback binds the console streams
     * when it starts, before a test could capture them.
     */
    @Test
    void startsQuietlyInAFreshJvm(@TempDir Path tmp) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), QuietBackendMain.class.getName()));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 120 s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "child failed:\n" + stdout + stderr);
        List<String> outLines = stdout.lines().toList();
        assertEquals(1, outLines.size(), "stdout should hold only the result line:\n" + stdout);
        assertTrue(outLines.get(0).startsWith("RESULT nd4j-native OPENBLAS "), stdout);
        for (String s : List.of(stdout, stderr)) {
            assertFalse(s.contains(" INFO "), s);
            assertFalse(s.contains("Loaded ["), s);
            assertFalse(s.contains("Number of threads"), s);
            assertFalse(s.contains("|-INFO"), "logback status chatter: " + s);
        }
        assertEquals("", stderr.strip(), "stderr should be empty:\n" + stderr);
        System.out.println("child JVM: " + outLines.get(0));
    }

    @Test
    void heldLoaderOutputIsReducedToItsFirstErrorLine() {
        String held = "java.lang.UnsatisfiedLinkError: /x/libjnicudart.so: libcuda.so.1: cannot open shared object file\n"
                + "\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)\n"
                + "02:33:05.805 WARN  org.nd4j.linalg.factory.Nd4jBackend - Skipped [JCublasBackend] backend\n";
        assertEquals("java.lang.UnsatisfiedLinkError: /x/libjnicudart.so: libcuda.so.1: cannot open shared object file",
                Backend.firstErrorLine(held));
        assertNull(Backend.firstErrorLine("all good\n"));
    }
}
