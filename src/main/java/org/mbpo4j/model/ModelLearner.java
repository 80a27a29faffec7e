package org.mbpo4j.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.mbpo4j.io.Json;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/**
 * The dynamics model as the model-based agents (MBPO, MPC) learn it: the model, its trainer with
 * its random stream, the count and last report of its trainings, the listener that hears each
 * one, the training log and horizon-error diagnostics of a run directory, the model's file and
 * the checkpoint state of all of these. One component, so that both agents train, log and
 * resume their model the same way. Not thread-safe.
 */
public final class ModelLearner {
    /** The model's file in a checkpoint. */
    public static final String MODEL_FILE = "model.bin";

    private final ModelOptions options;
    private final Kernels k;
    private TransitionModel model;
    private Rng rng;
    private ModelTrainer trainer;
    private long trainings;
    private TrainReport lastReport;
    private ModelDiagnostics diagnostics;
    private BiConsumer<Long, Map<String, Object>> onTraining = (step, report) -> { };

    /**
     * A fresh model for a task of these dims, with its weights drawn from {@code init} and its
     * training (bootstraps, minibatches) from {@code training}.
     */
    public ModelLearner(ModelOptions options, int obsDim, int actDim, Kernels k, Rng init, Rng training) {
        this.options = Objects.requireNonNull(options, "options");
        this.k = k;
        this.model = TransitionModel.create(options, obsDim, actDim, init);
        this.rng = training;
        this.trainer = new ModelTrainer(model, options.trainerOptions(), k, rng);
    }

    /** The model; a new object after {@link #loadModel} or {@link #restore}. */
    public TransitionModel model() {
        return model;
    }

    /** The options it was built with. */
    public ModelOptions options() {
        return options;
    }

    /** Writes the training log and horizon-error diagnostics into {@code runDir}. */
    public void writeDiagnosticsTo(Path runDir) {
        this.diagnostics = new ModelDiagnostics(runDir, options.members());
    }

    /** The diagnostics of the run directory, or null when there is none. */
    public ModelDiagnostics diagnostics() {
        return diagnostics;
    }

    /** Hears every training: the env step and the report's figures ({@link TrainReport#toMap()}). */
    public void onTraining(BiConsumer<Long, Map<String, Object>> listener) {
        this.onTraining = Objects.requireNonNull(listener, "listener");
    }

    /** Whether {@code rows} transitions are enough to train: a holdout and one minibatch. */
    public boolean canTrainOn(int rows) {
        return trainer.options().canTrainOn(rows);
    }

    /**
     * Trains the model on {@code data} at env step {@code envStep}, then tells the listener and
     * logs the training.
     */
    public TrainReport train(long envStep, Transitions data) {
        lastReport = trainer.train(data);
        trainings++;
        onTraining.accept(envStep, lastReport.toMap());
        if (diagnostics != null) {
            diagnostics.recordTraining(envStep, lastReport);
        }
        return lastReport;
    }

    /** Trainings so far. */
    public long trainings() {
        return trainings;
    }

    /** The last training's report, null before the first since the start or a restore. */
    public TrainReport lastReport() {
        return lastReport;
    }

    /**
     * The last training's figures: {@code model_trainings}, {@code model_epochs},
     * {@code model_elite_mse}, {@code model_normalised_mse}, {@code model_within_1_sigma}
     * (NaN before the first training).
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("model_trainings", (double) trainings);
        m.put("model_epochs", lastReport == null ? Double.NaN : lastReport.epochs());
        m.put("model_elite_mse", lastReport == null ? Double.NaN : lastReport.eliteMse());
        m.put("model_normalised_mse", lastReport == null ? Double.NaN : lastReport.normalisedMse());
        m.put("model_within_1_sigma", lastReport == null ? Double.NaN : lastReport.within1Sigma());
        return m;
    }

    /**
     * What a checkpoint keeps of the learner (the model's weights go into {@link #MODEL_FILE}).
     *
     * @param trainings trainings so far
     * @param rng the training stream's state
     * @param diagnosticsTrainings rows of the training log
     * @param diagnosticsHorizonRows rows of the horizon-error log
     */
    public record State(long trainings, long[] rng, int diagnosticsTrainings, int diagnosticsHorizonRows) {
        /** Adds the fields to an agent's checkpoint map under their keys. */
        public void putInto(Map<String, Object> m) {
            m.put("trainings", trainings);
            m.put("rng_model_training", rng);
            m.put("diagnostics_trainings", diagnosticsTrainings);
            m.put("diagnostics_horizon_rows", diagnosticsHorizonRows);
        }

        /** Reads the fields from an agent's checkpoint map (horizon rows 0 where absent: MPC checkpoints written before them). */
        public static State from(Map<String, Object> m) {
            Object horizon = m.get("diagnostics_horizon_rows");
            return new State(((Number) m.get("trainings")).longValue(), Json.longArray(m.get("rng_model_training")),
                    ((Number) m.get("diagnostics_trainings")).intValue(),
                    horizon == null ? 0 : ((Number) horizon).intValue());
        }
    }

    /** The learner's checkpoint state. */
    public State state() {
        return new State(trainings, rng.state(), diagnostics == null ? 0 : diagnostics.trainings(),
                diagnostics == null ? 0 : diagnostics.horizonRows());
    }

    /** Restores the checkpoint state (before {@link #loadModel}); the diagnostics logs are cut back to it. */
    public void restore(State s) {
        trainings = s.trainings();
        lastReport = null;
        rng = Rng.fromState(s.rng());
        trainer = new ModelTrainer(model, options.trainerOptions(), k, rng);
        if (diagnostics != null) {
            diagnostics.truncate(s.diagnosticsTrainings(), s.diagnosticsHorizonRows());
        }
    }

    /** Writes the model into {@code dir}/{@value #MODEL_FILE}. */
    public void saveModel(Path dir) {
        ModelFile.save(dir.resolve(MODEL_FILE), model);
    }

    /** Loads the model from {@code dir}/{@value #MODEL_FILE}; the trainer continues with the current stream. */
    public void loadModel(Path dir) {
        model = ModelFile.load(dir.resolve(MODEL_FILE));
        trainer = new ModelTrainer(model, options.trainerOptions(), k, rng);
    }

    /** The model's keys of a checkpoint's metrics map: numbers, NaN for null. */
    public static Map<String, Double> numbers(Map<String, Object> saved) {
        Map<String, Double> m = new LinkedHashMap<>();
        saved.forEach((key, v) -> m.put(key, v == null ? Double.NaN : ((Number) v).doubleValue()));
        return m;
    }
}
