package org.mbpo4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.agent.RandomAgent;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.random.Rng;
import org.mbpo4j.run.CheckpointStore;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.RunDirectory;

class TrainLoopTest {

    /** A random agent that remembers every transition it was shown. */
    static final class Recording implements Agent<Integer> {
        final RandomAgent<Integer> inner;
        final List<Transition<Integer>> seen = new ArrayList<>();

        Recording(Env<Integer> env, long seed) {
            inner = new RandomAgent<>(env.actionSpace(), new Rng(seed));
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Integer act(float[] obs, boolean deterministic) {
            return inner.act(obs, deterministic);
        }

        /** The env step at which the first episode ended (0 before). */
        long episodeEnd;

        @Override
        public void observe(Transition<Integer> t) {
            seen.add(t);
            if (episodeEnd == 0 && (t.terminated() || t.truncated())) {
                episodeEnd = seen.size();
            }
        }

        @Override
        public Map<String, Object> checkpointState() {
            return inner.checkpointState();
        }

        @Override
        public void restore(Map<String, Object> state) {
            inner.restore(state);
        }
    }

    @SuppressWarnings("unchecked")
    private static Env<Integer> cartPole(int limit) {
        return (Env<Integer>) Envs.make("CartPole-v1", limit);
    }

    private static Recording run(Path dir, int evalEpisodes) {
        Env<Integer> env = cartPole(20);
        Recording agent = new Recording(env, 5);
        TrainOptions cfg = new TrainOptions(100, 50, evalEpisodes, 10, 1, 3);
        RunDirectory rd = RunDirectory.create(dir, null, "CartPole-v1", "recording", Clock.systemUTC());
        new TrainLoop<>(env, cartPole(20), agent, cfg, 9, 11, 13, rd, Progress.none()).run();
        return agent;
    }

    @Test
    void agentSeesEveryStepWithGymnasiumsFlags(@TempDir Path tmp) throws Exception {
        Recording agent = run(tmp.resolve("a"), 0);
        assertEquals(100, agent.seen.size());
        int length = 0;
        int episodes = 0;
        for (int i = 0; i < agent.seen.size(); i++) {
            Transition<Integer> t = agent.seen.get(i);
            length++;
            if (t.truncated()) {
                assertEquals(20, length, "truncated exactly at the 20-step limit");
            }
            if (t.terminated() || t.truncated()) {
                episodes++;
                length = 0;
            } else if (i + 1 < agent.seen.size()) {
                assertArrayEquals(t.nextObs(), agent.seen.get(i + 1).obs(), "obs chain within an episode");
            }
        }
        assertTrue(episodes >= 5, "100 steps of 20-step episodes");

        Path d = tmp.resolve("a");
        assertEquals(1 + 10, Files.readAllLines(d.resolve("metrics.csv")).size(), "one row per 10 steps");
        assertEquals(1, Files.readAllLines(d.resolve("eval.csv")).size(), "no evaluation with eval_episodes 0");
        assertTrue(Files.isRegularFile(d.resolve("curve.png")), "a curve is drawn even without evaluations");
        CheckpointStore store = new CheckpointStore(d.resolve("checkpoints"), 3);
        Map<String, Object> latest = store.loadLatest().orElseThrow();
        assertEquals(100L, ((Number) latest.get("env_steps")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> loop = (Map<String, Object>) latest.get("loop");
        assertEquals(2L, ((Number) loop.get("epoch")).longValue());
        assertEquals(10, ((Number) loop.get("metrics_rows")).intValue(), "the checkpoint counts the row of its own step");
        Map<String, Object> summary = Json.readMap(d.resolve("summary.json"));
        assertEquals(Boolean.TRUE, summary.get("complete"));
        assertEquals(100L, ((Number) summary.get("env_steps")).longValue());
    }

    /**
     * {@code stop_return} ends the run at the first evaluation that reaches it, or, without
     * evaluations, at the first training episode that does; the summary says where.
     */
    @Test
    void aRunStopsOnceItReachesTheStopReturn(@TempDir Path tmp) throws Exception {
        for (int evalEpisodes : new int[] {0, 2}) {
            Env<Integer> env = cartPole(20);
            Recording agent = new Recording(env, 5);
            // CartPole pays 1 per step: a 20-step episode returns at most 20, so 1 is reached at once
            TrainOptions cfg = new TrainOptions(100, 50, evalEpisodes, 10, 1, 3, null, 1.0);
            Path dir = tmp.resolve("e" + evalEpisodes);
            RunDirectory rd = RunDirectory.create(dir, null, "CartPole-v1", "recording", Clock.systemUTC());
            TrainLoop.Result r = new TrainLoop<>(env, cartPole(20), agent, cfg, 9, 11, 13, rd, Progress.none()).run();
            Map<String, Object> summary = Json.readMap(dir.resolve(RunDirectory.SUMMARY));
            long expected = evalEpisodes == 0 ? agent.episodeEnd : 50;
            assertEquals(expected, ((Number) summary.get("stopped_at_return")).longValue(), "eval " + evalEpisodes);
            assertEquals(expected, ((Number) summary.get("env_steps")).longValue());
            assertEquals(expected, agent.seen.size());
            assertEquals(Boolean.TRUE, summary.get("complete"));
            assertTrue(r.summary().containsKey("stopped_at_return"));
        }
        // never reached: every step runs and the summary says null
        Env<Integer> env = cartPole(20);
        Recording agent = new Recording(env, 5);
        Path dir = tmp.resolve("never");
        RunDirectory rd = RunDirectory.create(dir, null, "CartPole-v1", "recording", Clock.systemUTC());
        new TrainLoop<>(env, cartPole(20), agent, new TrainOptions(100, 50, 1, 10, 1, 3, null, 1e9), 9, 11, 13, rd,
                Progress.none()).run();
        Map<String, Object> summary = Json.readMap(dir.resolve(RunDirectory.SUMMARY));
        assertTrue(summary.containsKey("stopped_at_return"));
        assertEquals(null, summary.get("stopped_at_return"));
        assertEquals(100, agent.seen.size());
    }

    @Test
    void evaluatingNeverShiftsTheTrainingStream(@TempDir Path tmp) {
        List<Transition<Integer>> without = run(tmp.resolve("a"), 0).seen;
        List<Transition<Integer>> with = run(tmp.resolve("b"), 3).seen;
        assertEquals(without.size(), with.size());
        for (int i = 0; i < without.size(); i++) {
            assertEquals(without.get(i).action(), with.get(i).action(), "action " + i);
            assertArrayEquals(without.get(i).obs(), with.get(i).obs());
        }
    }

    @Test
    void randomAgentCheckpointRestoresBothStreams() {
        Env<Integer> env = cartPole(20);
        RandomAgent<Integer> a = new RandomAgent<>(env.actionSpace(), new Rng(1));
        a.act(null, false);
        a.act(null, true);
        Map<String, Object> saved = Json.parseMap(Json.line(a.checkpointState()));
        RandomAgent<Integer> b = new RandomAgent<>(env.actionSpace(), new Rng(99));
        b.restore(saved);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.act(null, i % 2 == 0), b.act(null, i % 2 == 0));
        }
        assertFalse(saved.isEmpty());
    }
}
