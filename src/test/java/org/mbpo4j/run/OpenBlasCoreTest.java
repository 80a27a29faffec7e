package org.mbpo4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenBlasCoreTest {
    private static final String ZEN5_FLAGS = "fpu vme avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16";

    @Test
    void readsTheFirstFlagsLineOfCpuinfo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cpuinfo");
        Files.writeString(f, "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: " + ZEN5_FLAGS
                + "\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        Set<String> flags = OpenBlasCore.cpuFlags(f);
        assertTrue(flags.contains("avx512vl"));
        assertTrue(OpenBlasCore.hasAvx512(flags));
    }

    @Test
    void avx512NeedsAllFiveGroups() {
        assertFalse(OpenBlasCore.hasAvx512(Set.of("avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq")));
        assertFalse(OpenBlasCore.hasAvx512(Set.of("avx2", "fma")));
    }

    @Test
    void unreadableCpuinfoIsUnknown(@TempDir Path dir) throws Exception {
        assertNull(OpenBlasCore.cpuFlags(dir.resolve("missing")));
        Path noFlags = dir.resolve("cpuinfo");
        Files.writeString(noFlags, "processor\t: 0\n");
        assertNull(OpenBlasCore.cpuFlags(noFlags));
    }

    @Test
    void notesAPinnedAvx2KernelOnAnAvx512Cpu() {
        String note = OpenBlasCore.slowKernelNote("Haswell", true).orElseThrow();
        assertTrue(note.contains("OPENBLAS_CORETYPE=Haswell"), note);
        assertTrue(note.contains("OPENBLAS_CORETYPE=SKYLAKEX"), note);
    }

    @Test
    void saysNothingWhenTheKernelsFitTheCpuOrNothingIsKnown() {
        assertTrue(OpenBlasCore.slowKernelNote("SKYLAKEX", true).isEmpty());
        assertTrue(OpenBlasCore.slowKernelNote("cooperlake", true).isEmpty());
        assertTrue(OpenBlasCore.slowKernelNote("Haswell", false).isEmpty());
        assertTrue(OpenBlasCore.slowKernelNote(null, true).isEmpty());
        assertTrue(OpenBlasCore.slowKernelNote("Haswell", null).isEmpty());
    }

    @Test
    void manifestEntryRecordsTheVariableAsSet() {
        Map<String, Object> m = OpenBlasCore.manifestEntry();
        assertEquals(OpenBlasCore.coretype(), m.get("coretype"));
        assertEquals(OpenBlasCore.cpuHasAvx512(), m.get("cpu_avx512"));
    }
}
