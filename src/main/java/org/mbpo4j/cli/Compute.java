package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.run.BackendInfo;
import org.mbpo4j.run.OpenBlasCore;
import org.mbpo4j.run.config.ComputeConfig;

/** Matches the {@code compute:} choices against the ND4J backend this build actually started. */
final class Compute {
    private static boolean blasNoted;

    private Compute() {
    }

    /**
     * Says once per JVM, on the CPU backend, when OPENBLAS_CORETYPE holds the products back
     * ({@link OpenBlasCore#slowKernelNote()}).
     */
    static synchronized void slowBlasNote(BackendInfo backend, PrintWriter notices) {
        if (!blasNoted && !backend.cuda()) {
            blasNoted = true;
            OpenBlasCore.slowKernelNote().ifPresent(note -> {
                notices.println("mbpo: note: " + note);
                notices.flush();
            });
        }
    }

    /**
     * The kernels for this run. {@code backend: cuda} on a CPU build, {@code cpu} on a CUDA
     * build, and Java-loop kernels over GPU memory are refused with a message saying what to do.
     */
    static Kernels kernels(ComputeConfig compute, BackendInfo backend, Optional<String> cudaFallback,
                           PrintWriter notices) {
        switch (compute.backend()) {
            case CUDA -> {
                if (!backend.cuda()) {
                    throw new UserError(cudaFallback.map(why -> "compute.backend is cuda but no CUDA device or driver"
                            + " was found (" + why + "); use --backend cpu or auto, or run on a machine with an NVIDIA"
                            + " GPU and a CUDA 11.6 driver")
                            .orElse("compute.backend is cuda but this build has only ND4J's " + backend.backend()
                            + " backend; rebuild with -Pcuda (MBPO4J_BUILD_ARGS=-Pcuda ./mbpo ...) on a machine with"
                            + " an NVIDIA GPU, or use --backend cpu"));
                }
            }
            case CPU -> {
                if (backend.cuda()) {
                    throw new UserError("compute.backend is cpu but ND4J started its CUDA backend (this build was made"
                            + " with -Pcuda and a GPU is visible); rebuild without -Pcuda to run on the CPU, or use"
                            + " --backend cuda or auto");
                }
            }
            case AUTO -> cudaFallback.ifPresent(why -> {
                notices.println("mbpo: no CUDA device found (" + why + "); running on the CPU backend");
                notices.flush();
            });
            default -> throw new IllegalStateException("unknown backend choice " + compute.backend());
        }
        return switch (compute.kernels()) {
            case AUTO -> backend.cuda() ? Kernels.nd4j() : Kernels.cpu();
            case ND4J -> Kernels.nd4j();
            case CPU -> {
                if (backend.cuda()) {
                    throw new UserError("compute.kernels cpu runs Java loops over host memory and cannot work on the"
                            + " CUDA backend; use --kernels nd4j or auto");
                }
                yield Kernels.cpu();
            }
        };
    }
}
