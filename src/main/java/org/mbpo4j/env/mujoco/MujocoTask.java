package org.mbpo4j.env.mujoco;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EnvFactory;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.EnvOption;
import org.mbpo4j.env.Space;
import org.mbpo4j.env.TaskRules;

/**
 * One registered MuJoCo id ({@code Hopper-v4}, ...) as the registry makes it: Gymnasium's
 * constructor options for that version, the model file, and how the task's env and rules are
 * built from the options. Spaces and rules of the bundled models are known without the library.
 */
abstract class MujocoTask implements EnvFactory {
    /** The option every v5 task takes first: its model file. */
    static final String XML_FILE = "xml_file";
    static final String FRAME_SKIP = "frame_skip";

    final String id;
    final int version;
    final String defaultXml;
    final int defaultFrameSkip;
    private final List<EnvOption> options;

    /**
     * @param taskOptions the task's own options for this version, after {@code xml_file} and
     *                    {@code frame_skip} (which v5 adds in front, as Gymnasium does)
     */
    MujocoTask(String id, int version, String defaultXml, int defaultFrameSkip, boolean xmlOption,
               List<EnvOption> taskOptions) {
        this.id = id;
        this.version = version;
        this.defaultXml = defaultXml;
        this.defaultFrameSkip = defaultFrameSkip;
        List<EnvOption> o = new ArrayList<>();
        if (xmlOption || version >= 5) {
            o.add(EnvOption.file(XML_FILE, defaultXml, MjcfFiles.NAMES,
                    "the MJCF model: a path, or one of Gymnasium's (default " + defaultXml + ")"));
        }
        if (version >= 5) {
            o.add(EnvOption.integer(FRAME_SKIP, defaultFrameSkip, 1, 1000, "MuJoCo steps per env step"));
        }
        o.addAll(taskOptions);
        this.options = List.copyOf(o);
    }

    /** Builds the env on a loaded model (checked with {@link #require} where it is a user's file). */
    abstract MujocoEnv build(MjSim sim, EnvKwargs kw);

    /**
     * Refuses a model that does not have what the task reads, e.g. a user's {@code xml_file}
     * with too few joints.
     *
     * @throws IllegalArgumentException naming the file, the task and what is missing
     */
    final void require(boolean ok, MjSim sim, String what) {
        if (!ok) {
            throw new IllegalArgumentException(sim.file().getFileName() + " does not fit " + id + ": " + what
                    + " (the model has nq=" + sim.nq + ", nv=" + sim.nv + ", nu=" + sim.nu + ", nbody=" + sim.nbody
                    + ", nsite=" + sim.nsite + ")");
        }
    }

    /** The task's rules for a model of this shape. */
    abstract TaskRules rules(ModelShape shape, EnvKwargs kw);

    /** The observation length for a model of this shape. */
    abstract int obsDim(ModelShape shape, EnvKwargs kw);

    @Override
    public final List<EnvOption> options() {
        return options;
    }

    /** The model file the options name (a bundled name or an absolute path). */
    final String xml(EnvKwargs kw) {
        return kw.values().containsKey(XML_FILE) ? kw.string(XML_FILE) : defaultXml;
    }

    /** The option that leaves the first positions (x, and y for the 3D tasks) out of the observation. */
    static final String EXCLUDE = "exclude_current_positions_from_observation";

    /** How many of the first positions the observation leaves out: {@code excluded} when the option says so, else 0. */
    static int skip(EnvKwargs kw, int excluded) {
        return kw.bool(EXCLUDE) ? excluded : 0;
    }

    final int frameSkip(EnvKwargs kw) {
        return kw.values().containsKey(FRAME_SKIP) ? kw.integer(FRAME_SKIP) : defaultFrameSkip;
    }

    /** Seconds per env step with these options. */
    final double dt(ModelShape shape, EnvKwargs kw) {
        return shape.timestep() * frameSkip(kw);
    }

    /** A bundled model's copy, or the user's file (a path, as {@code xml_file} checks it). */
    private static Path path(String xml) {
        return MjcfFiles.bundled(xml) ? MjcfFiles.path(xml) : Path.of(xml);
    }

    /** The model's shape: from the table for a bundled file, else by loading it (which needs the library). */
    final ModelShape shape(EnvKwargs kw) {
        String xml = xml(kw);
        ModelShape s = ModelShape.BUNDLED.get(xml);
        if (s != null) {
            return s;
        }
        try (MjSim sim = MjSim.load(MujocoLibrary.get(), path(xml))) {
            return ModelShape.of(sim);
        }
    }

    @Override
    public final Env<?> make(EnvKwargs kw) {
        MujocoLibrary lib = MujocoLibrary.get();
        MjSim sim = MjSim.load(lib, path(xml(kw)));
        try {
            return build(sim, kw);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    @Override
    public final TaskRules rules(EnvKwargs kw) {
        return rules(shape(kw), kw);
    }

    @Override
    public final Box observationSpace(EnvKwargs kw) {
        return Box.uniform(obsDim(shape(kw), kw), Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }

    @Override
    public final Space<?> actionSpace(EnvKwargs kw) {
        return shape(kw).actionBox();
    }

    @Override
    public final String unavailable() {
        try {
            MujocoLibrary.get();
            return null;
        } catch (MujocoUnavailableException e) {
            return e.getMessage();
        }
    }

    @Override
    public final String requires() {
        return "MuJoCo";
    }
}
