package org.mbpo4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/**
 * Builds and times the benchmark workloads in a fixed order (model-train, rollout, sac-update),
 * each one warmed up and then timed before the next is built. The rollout predicts with the
 * model-train ensemble (trained by then if model-train ran), as the peer does.
 */
public final class Benchmark {

    /** The workloads, with their command-line names and JSON key prefixes. */
    public enum Kind {
        MODEL_TRAIN("model-train", "model_train"),
        ROLLOUT("rollout", "rollout_100k"),
        SAC_UPDATE("sac-update", "sac_update");

        private final String cliName;
        private final String key;

        Kind(String cliName, String key) {
            this.cliName = cliName;
            this.key = key;
        }

        /** The name on the command line, e.g. {@code model-train}. */
        public String cliName() {
            return cliName;
        }

        /** The prefix of its JSON keys, e.g. {@code model_train} ({@code model_train_ms}). */
        public String key() {
            return key;
        }

        /** The kind named {@code name} (its command-line name, any case), or null. */
        public static Kind byName(String name) {
            for (Kind k : values()) {
                if (k.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            return null;
        }

        /** The command-line names, comma-separated. */
        public static String names() {
            List<String> n = new ArrayList<>();
            for (Kind k : values()) {
                n.add(k.cliName);
            }
            return String.join(", ", n);
        }
    }

    /**
     * What to run and at what size.
     *
     * @param kinds    the workloads
     * @param warmup   untimed calls before timing each workload, at least
     * @param warmupSeconds seconds of untimed calls before timing each workload, at least
     * @param iters    timed calls per workload
     * @param model    the ensemble of model-train and rollout
     * @param obsDim   rollout state dimensions; with {@code actDim}, the ensemble's input
     * @param actDim   rollout action dimensions
     * @param rows     rollout rows per call
     * @param chunk    rollout rows per forward pass
     * @param sac      builds the sac-update workload
     * @param seed     seed of all weights and data
     */
    public record Settings(Set<Kind> kinds, int warmup, double warmupSeconds, int iters, ModelTrainWorkload.Shape model, int obsDim,
                           int actDim, int rows, int chunk, SacFactory sac, long seed) {
        /** The standard sizes (those of the PyTorch peer). */
        public static Settings standard(Set<Kind> kinds, int warmup, double warmupSeconds, int iters, int chunk,
                                        long seed) {
            return new Settings(kinds, warmup, warmupSeconds, iters, ModelTrainWorkload.Shape.standard(),
                    RolloutWorkload.OBS, RolloutWorkload.ACT, RolloutWorkload.ROWS, chunk, SacUpdateWorkload::standard,
                    seed);
        }

        public Settings {
            if (obsDim < 1 || actDim < 1 || obsDim + actDim != model.inDim()) {
                throw new IllegalArgumentException("rollout rows of " + obsDim + " + " + actDim
                        + " dims do not fit an ensemble input of " + model.inDim());
            }
            kinds = kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
        }
    }

    /** Builds the sac-update workload for some kernels and a random stream. */
    @FunctionalInterface
    public interface SacFactory {
        SacUpdateWorkload create(Kernels k, Rng rng);
    }

    private Benchmark() {
    }

    /**
     * Runs the chosen workloads in order.
     *
     * @param sync     called after every call, to wait for asynchronous devices
     * @param progress told the name of each workload as it starts
     */
    public static List<Timing> run(Settings s, Kernels k, Runnable sync, Consumer<String> progress) {
        touchYoungGeneration();
        Rng root = new Rng(s.seed());
        List<Timing> out = new ArrayList<>();
        ModelTrainWorkload model = null;
        if (s.kinds().contains(Kind.MODEL_TRAIN) || s.kinds().contains(Kind.ROLLOUT)) {
            model = new ModelTrainWorkload(s.model(), k, root.child("model"));
        }
        if (s.kinds().contains(Kind.MODEL_TRAIN)) {
            out.add(time(model, s, sync, progress));
        }
        if (s.kinds().contains(Kind.ROLLOUT)) {
            RolloutWorkload rollout = new RolloutWorkload(model.ensemble(), s.obsDim(), s.actDim(),
                    s.rows(), s.chunk(), k, root.child("rollout"));
            out.add(time(rollout, s, sync, progress));
        }
        if (s.kinds().contains(Kind.SAC_UPDATE)) {
            out.add(time(s.sac().create(k, root.child("sac")), s, sync, progress));
        }
        return out;
    }

    /**
     * Allocates (and drops) twice the young generation once, so that every page of it has been
     * touched before timing: otherwise the first pass of the allocator over the young
     * generation (ND4J's matrix multiplies leave a few KB of Java garbage per call) shows as RSS
     * growth during the timed calls, though nothing is kept.
     */
    static void touchYoungGeneration() {
        long young = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = p.getName();
            if (p.getType() == MemoryType.HEAP && (name.contains("Eden") || name.contains("Survivor"))) {
                long max = p.getUsage().getMax();
                young += max > 0 ? max : p.getUsage().getCommitted();
            }
        }
        long bytes = 2 * Math.min(Math.max(young, 64L << 20), 1L << 30);
        long sum = 0;
        for (long done = 0; done < bytes; done += 1 << 20) {
            byte[] chunk = new byte[1 << 20];
            chunk[(int) (done >>> 20) & 0xfffff] = 1;
            sum += chunk[chunk.length - 1];
        }
        if (sum != 0) {
            throw new AssertionError("fresh arrays are zero");
        }
    }

    private static Timing time(Workload w, Settings s, Runnable sync, Consumer<String> progress) {
        progress.accept(w.name());
        System.gc(); // the garbage of building it is not the workload's
        return Timing.measure(w, s.warmup(), s.warmupSeconds(), s.iters(), sync);
    }
}
