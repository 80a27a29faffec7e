package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mbpo4j.run.BackendInfo;
import org.mbpo4j.run.config.ComputeConfig;
import org.mbpo4j.run.config.ComputeConfig.Backend;
import org.mbpo4j.run.config.ComputeConfig.Kernels;

class ComputeTest {
    static final BackendInfo CPU = new BackendInfo("nd4j-native", "OPENBLAS", 2, "cpu", false);
    static final BackendInfo GPU = new BackendInfo("nd4j-cuda", "CUBLAS", 2, "cuda:0 H100", true);
    static final Optional<String> NO_DEVICE = Optional.of("java.lang.UnsatisfiedLinkError: libcuda.so.1: cannot open");

    static String notices(ComputeConfig c, BackendInfo b, Optional<String> fallback) {
        StringWriter w = new StringWriter();
        Compute.kernels(c, b, fallback, new PrintWriter(w, true));
        return w.toString();
    }

    @Test
    void autoPicksJavaLoopsOnCpuAndNd4jOpsOnCuda() {
        StringWriter w = new StringWriter();
        assertEquals("cpu", Compute.kernels(ComputeConfig.defaults(), CPU, Optional.empty(), new PrintWriter(w)).name());
        assertEquals("nd4j", Compute.kernels(ComputeConfig.defaults(), GPU, Optional.empty(), new PrintWriter(w)).name());
        assertEquals("", w.toString());
    }

    @Test
    void autoFallsBackToTheCpuWithOneNotice() {
        String n = notices(ComputeConfig.defaults(), CPU, NO_DEVICE);
        assertEquals("mbpo: no CUDA device found (java.lang.UnsatisfiedLinkError: libcuda.so.1: cannot open);"
                + " running on the CPU backend", n.strip());
    }

    @Test
    void cudaWithoutADeviceFailsClearly() {
        UserError e = assertThrows(UserError.class,
                () -> notices(new ComputeConfig(Backend.CUDA, Kernels.AUTO), CPU, NO_DEVICE));
        assertTrue(e.getMessage().startsWith("compute.backend is cuda but no CUDA device or driver was found"), e.getMessage());
        UserError build = assertThrows(UserError.class,
                () -> notices(new ComputeConfig(Backend.CUDA, Kernels.AUTO), CPU, Optional.empty()));
        assertTrue(build.getMessage().contains("rebuild with -Pcuda"), build.getMessage());
    }

    @Test
    void javaLoopKernelsAreRefusedOnTheGpu() {
        UserError e = assertThrows(UserError.class,
                () -> notices(new ComputeConfig(Backend.AUTO, Kernels.CPU), GPU, Optional.empty()));
        assertTrue(e.getMessage().contains("cannot work on the CUDA backend"), e.getMessage());
        assertThrows(UserError.class, () -> notices(new ComputeConfig(Backend.CPU, Kernels.AUTO), GPU, Optional.empty()));
        assertEquals("nd4j", Compute.kernels(new ComputeConfig(Backend.CPU, Kernels.ND4J), CPU, Optional.empty(),
                new PrintWriter(new StringWriter())).name());
    }
}
