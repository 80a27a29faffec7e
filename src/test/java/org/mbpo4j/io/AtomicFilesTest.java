package org.mbpo4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesAndReplacesWithoutLeavingTempFiles() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "first\u00e9");
        assertEquals("first\u00e9", Files.readString(f, StandardCharsets.UTF_8));
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(List.of("a.txt"), names());
    }

    @Test
    void createsMissingParentDirectories() throws IOException {
        Path f = dir.resolve("x/y/z.txt");
        AtomicFiles.writeString(f, "deep");
        assertEquals("deep", Files.readString(f));
    }

    @Test
    void writeNewRefusesToOverwrite() throws IOException {
        Path f = dir.resolve("once.txt");
        AtomicFiles.writeNewString(f, "one");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFiles.writeNewString(f, "two"));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertEquals("one", Files.readString(f));
        assertEquals(List.of("once.txt"), names());
    }

    @Test
    void failedWriteLeavesTargetAndNoTemp() throws IOException {
        Path sub = dir.resolve("sub");
        Files.createDirectory(sub);
        // renaming a file onto a non-empty directory fails
        Files.writeString(sub.resolve("keep"), "x");
        assertThrows(RuntimeException.class, () -> AtomicFiles.writeString(sub, "boom"));
        try (Stream<Path> s = Files.list(sub)) {
            assertEquals(List.of("keep"), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
        assertEquals(List.of("sub"), names());
    }

    @Test
    void concurrentWritersNeverCollideAndLeaveOneCompleteVersion() throws Exception {
        Path f = dir.resolve("shared.txt");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String body = String.valueOf((char) ('a' + t)).repeat(10_000);
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        AtomicFiles.writeString(f, body);
                    }
                }));
            }
            for (Future<?> fu : fs) {
                fu.get();
            }
        } finally {
            pool.shutdown();
        }
        String content = Files.readString(f);
        assertEquals(10_000, content.length());
        assertTrue(content.chars().allMatch(c -> c == content.charAt(0)), "torn file");
        assertEquals(List.of("shared.txt"), names());
    }
}
