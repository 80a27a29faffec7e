package org.mbpo4j.jmh;

import java.util.concurrent.TimeUnit;
import org.mbpo4j.bench.ModelTrainWorkload;
import org.mbpo4j.bench.RolloutWorkload;
import org.mbpo4j.bench.SacUpdateWorkload;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels behind {@code mbpo bench}, under JMH: one SAC update, one training step of the
 * Gaussian ensemble, and one rollout chunk (1,000 rows through all 7 members, then one sample
 * per row; {@code mbpo bench}'s rollout is 100 of these). The workloads are the same classes
 * that {@code mbpo bench} times ({@code org.mbpo4j.bench}), with the same sizes.
 *
 * <p>{@code kernels} chooses the element-wise kernels: {@code cpu} (Java loops) or {@code nd4j}
 * (ND4J ops).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmn64m", "-XX:+UseParallelGC", "-Djava.awt.headless=true"})
public class HotLoops {

    static Kernels kernels(String name) {
        return switch (name) {
            case "cpu" -> Kernels.cpu();
            case "nd4j" -> Kernels.nd4j();
            default -> throw new IllegalArgumentException("kernels must be cpu or nd4j, got " + name);
        };
    }

    /** One SAC update: obs 11, act 3, hidden [256, 256], batch 256. */
    @State(Scope.Benchmark)
    public static class Sac {
        @Param({"cpu", "nd4j"})
        public String kernels;
        SacUpdateWorkload w;

        @Setup(Level.Trial)
        public void setUp() {
            w = SacUpdateWorkload.standard(HotLoops.kernels(kernels), new Rng(0));
        }
    }

    /** The 7-member ensemble, 14 -> 200 x4 -> 24, batch 256 per member. */
    @State(Scope.Benchmark)
    public static class Ensemble {
        @Param({"cpu", "nd4j"})
        public String kernels;
        ModelTrainWorkload w;

        @Setup(Level.Trial)
        public void setUp() {
            w = new ModelTrainWorkload(ModelTrainWorkload.Shape.standard(), HotLoops.kernels(kernels), new Rng(0));
        }
    }

    /** One rollout chunk of 1,000 rows through the ensemble above. */
    @State(Scope.Benchmark)
    public static class Chunk {
        @Param({"cpu", "nd4j"})
        public String kernels;
        RolloutWorkload w;

        @Setup(Level.Trial)
        public void setUp() {
            Kernels k = HotLoops.kernels(kernels);
            ModelTrainWorkload model = new ModelTrainWorkload(ModelTrainWorkload.Shape.standard(), k, new Rng(0));
            int rows = RolloutWorkload.DEFAULT_CHUNK;
            w = new RolloutWorkload(model.ensemble(), RolloutWorkload.OBS, RolloutWorkload.ACT, rows, rows, k,
                    new Rng(1));
        }
    }

    @Benchmark
    public long sacUpdate(Sac s) {
        s.w.run();
        return s.w.updates();
    }

    @Benchmark
    public double ensembleStep(Ensemble s) {
        s.w.run();
        return s.w.lastLoss();
    }

    @Benchmark
    public float rolloutChunk(Chunk s) {
        s.w.run();
        return s.w.predictions()[0];
    }
}
