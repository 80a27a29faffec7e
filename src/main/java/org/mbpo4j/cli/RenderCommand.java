package org.mbpo4j.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.mbpo4j.policy.EpisodicPolicy;
import org.mbpo4j.policy.Policy;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.io.AtomicFiles;
import org.mbpo4j.io.GifWriter;
import org.mbpo4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mbpo render}: plays one episode of a renderable env and writes its frames as numbered
 * PNGs ({@code frame-00000.png}, ...) and an animated GIF ({@code episode.gif}).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Play one episode and write its frames as PNGs and an animated GIF.")
final class RenderCommand implements Callable<Integer> {
    /** The GIF's file name in the output directory. */
    static final String GIF = "episode.gif";
    /** Most --max-steps: every kept frame is a PNG file and a GIF frame held in memory. */
    static final int MAX_STEPS = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", paramLabel = "ID",
            description = "Environment id (see `mbpo envs`); with --run or --model it defaults to theirs.")
    String env;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Policy: heuristic or random (default: the env's heuristic where it has one, else random; not with --run or --model).")
    String policy;

    @Option(names = "--run", paramLabel = "RUN_DIR",
            description = "Play a run's trained agent (SAC, MBPO: the deterministic actor; MPC: planning with the run's model).")
    Path run;

    @Option(names = "--checkpoint", paramLabel = "latest|STEP",
            description = "With --run: which checkpoint, latest (the newest valid one) or an env step (default: latest).")
    String checkpoint;

    @Option(names = "--model", paramLabel = "FILE", description = "Play a policy file (`mbpo export`, or one of models/).")
    Path model;

    @Option(names = "--seed", defaultValue = "0", description = "Episode seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: runs/<env>-render-<policy>-seed<S>).")
    Path out;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Stop after N steps, 1 to " + MAX_STEPS + " (default: the env's time limit).")
    Integer maxSteps;

    @Option(names = "--every", paramLabel = "K", defaultValue = "2",
            description = "Keep every K-th step's frame; the first and last are always kept (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Override
    public Integer call() {
        if (every < 1) {
            throw new UserError("--every must be >= 1, got " + every);
        }
        if (maxSteps != null && (maxSteps < 1 || maxSteps > MAX_STEPS)) {
            throw new UserError("--max-steps must be in [1, " + MAX_STEPS + "], got " + maxSteps);
        }
        if (policy != null && !CliPolicies.NAMES.contains(policy)) {
            throw new UserError("unknown --policy '" + policy + "'; allowed: " + String.join(", ", CliPolicies.NAMES));
        }
        // Without --policy: the env's heuristic controller where it has one (the Box2D envs), else random actions.
        String name = policy == null && run == null && model == null
                ? (env != null && org.mbpo4j.env.box2d.Box2dEnvs.heuristic(env).isPresent() ? "heuristic" : "random")
                : policy;
        Played<?> played = Played.choose(run, checkpoint, model, name, env, seed, spec.commandLine().getErr());
        String id = played.envId();
        Renderable r = played.env().find(Renderable.class).orElseThrow(() -> new UserError("env '" + id
                + "' cannot be rendered (it is not Renderable); renderable envs: " + renderableIds()));
        Path dir = out != null ? out : Path.of("runs", safe(id) + "-render-" + safe(played.label()) + "-seed" + seed);
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("could not create the output directory " + dir + ": " + ex.getMessage(), ex);
        }
        Map<String, Object> summary;
        try {
            summary = play(played, r, dir);
        } finally {
            played.env().close();
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.line(summary));
        } else {
            o.printf("%s, %s policy, seed %d: return %.2f in %d steps (%s), %d frames -> %s/frame-*.png, %s%n",
                    id, played.label(), seed, (Double) summary.get("return"), (Integer) summary.get("length"),
                    summary.get("ended"), (Integer) summary.get("frames"), dir, summary.get("gif"));
        }
        o.flush();
        return 0;
    }

    private <A> Map<String, Object> play(Played<A> played, Renderable renderable, Path dir) {
        Env<A> e = played.env();
        Policy<A> p = played.policy();
        float[] obs = e.reset(seed).obs();
        if (p instanceof EpisodicPolicy ep) {
            ep.startEpisode();
        }
        int limit = maxSteps == null ? Integer.MAX_VALUE : maxSteps;
        // Real time: a kept frame per K steps shows for K env steps, at least 2 centiseconds (browsers' floor).
        int delay = (int) Math.max(2, Math.round(100 * every * renderable.frameSeconds()));
        int frames = 0;
        double ret = 0;
        int steps = 0;
        String ended = "stopped at --max-steps";
        try (GifWriter gif = new GifWriter(delay)) {
            frames = writeFrame(renderable.render(), dir, frames, gif);
            boolean lastKept = true;
            while (steps < limit) {
                StepResult s = e.step(p.act(obs, true));
                steps++;
                ret += s.reward();
                obs = s.obs();
                lastKept = steps % every == 0;
                if (lastKept) {
                    frames = writeFrame(renderable.render(), dir, frames, gif);
                }
                if (s.done()) {
                    ended = s.terminated() ? "terminated" : "truncated";
                    break;
                }
            }
            if (!lastKept) {
                frames = writeFrame(renderable.render(), dir, frames, gif);
            }
            gif.writeTo(dir.resolve(GIF));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", played.envId());
        m.put("policy", played.label());
        m.putAll(played.source());
        m.put("seed", seed);
        m.put("return", ret);
        m.put("length", steps);
        m.put("ended", ended);
        m.put("frames", frames);
        m.put("every", every);
        m.put("dir", dir.toString());
        m.put("gif", dir.resolve(GIF).toString());
        return m;
    }

    private static int writeFrame(BufferedImage img, Path dir, int index, GifWriter gif) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException ex) {
            throw new UncheckedIOException("could not encode frame " + index + ": " + ex.getMessage(), ex);
        }
        AtomicFiles.write(dir.resolve(String.format("frame-%05d.png", index)), png.toByteArray());
        gif.add(img);
        return index + 1;
    }

    private static String renderableIds() {
        List<String> ids = new ArrayList<>();
        for (String id : Envs.ids()) {
            if (Envs.unavailable(id) != null) {
                continue;
            }
            try (Env<?> e = Envs.spec(id).factory().get()) {
                if (e.find(Renderable.class).isPresent()) {
                    ids.add(id);
                }
            }
        }
        return ids.isEmpty() ? "(none)" : String.join(", ", ids);
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
