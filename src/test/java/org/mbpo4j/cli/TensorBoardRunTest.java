package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.io.TensorBoardEvents;

/** Every run writes TensorBoard event files beside metrics.csv; a resume adds a file that restarts at its step. */
class TensorBoardRunTest {

    @Test
    void aRunWritesItsScalarsForTensorBoard(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        String[] base = {"train", "-c", "pendulum-sac", "--out", run.toString(), "-q", "--set", "train.epoch_length=200",
            "--set", "train.log_interval=100", "--set", "train.eval_episodes=1", "--set", "train.checkpoint_every=1",
            "--set", "sac.hidden=[32,32]", "--set", "sac.learning_starts=100", "--set", "sac.batch_size=32"};
        String[] args = java.util.Arrays.copyOf(base, base.length + 2);
        args[base.length] = "--steps";
        args[base.length + 1] = "400";
        assertEquals(0, MainTest.mbpo(args).code());
        List<TensorBoardEvents.Event> ev = TensorBoardEvents.readDir(run);
        Set<String> tags = new TreeSet<>();
        ev.stream().filter(e -> e.tag() != null).forEach(e -> tags.add(e.tag()));
        for (String t : List.of("eval/mean_return", "eval/std_return", "train/episode_return_last", "train/alpha",
                "train/critic_loss", "train/actor_loss", "time/phase_agent_s", "train/steps_per_s")) {
            assertTrue(tags.contains(t), t + " in " + tags);
        }
        assertEquals(List.of(200L, 400L), ev.stream().filter(e -> "eval/mean_return".equals(e.tag()))
                .map(TensorBoardEvents.Event::step).toList());

        MainTest.Run resumed = MainTest.mbpo("train", "--resume", run.toString(), "--steps", "600", "-q");
        assertEquals(0, resumed.code(), resumed.err());
        List<TensorBoardEvents.Event> all = TensorBoardEvents.readDir(run);
        assertEquals(2, all.stream().filter(e -> "brain.Event:2".equals(e.fileVersion())).count(), "one file per process");
        assertTrue(all.stream().anyMatch(e -> e.sessionStatus() == 1 && e.step() == 401), "the resume restarts at 401");
        assertTrue(all.stream().anyMatch(e -> "eval/mean_return".equals(e.tag()) && e.step() == 600));
    }
}
