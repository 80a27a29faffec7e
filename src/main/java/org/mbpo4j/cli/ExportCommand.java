package org.mbpo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mbpo4j.policy.PolicyFile;
import org.mbpo4j.policy.TrainedPolicy;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.Manifest;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.sac.SacAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mbpo export}: writes a run's trained actor as a policy file that loads in any JVM
 * application and acts in plain Java ({@link PolicyFile}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a SAC or MBPO run's trained actor as a self-contained policy file",
            "(load it with PolicyFile.load(path), act with policy.act(obs); no ND4J needed)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory.")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The policy file to write (e.g. pendulum.policy).")
    Path out;

    @Option(names = "--checkpoint", paramLabel = "latest|STEP", defaultValue = "latest",
            description = "Which checkpoint: latest (the newest valid one) or an env step (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Override
    public Integer call() {
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a directory; give a file name, e.g. " + out.resolve("policy"
                    + PolicyFile.EXTENSION));
        }
        PrintWriter err = spec.commandLine().getErr();
        TrainedRun r = TrainedRun.open(run, checkpoint, err);
        SacAgent.ActorSnapshot actor = r.actor();
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("mbpo4j_version", Manifest.version());
        provenance.put("algo", r.cfg.algo().yamlName());
        provenance.put("seed", Long.toString(r.cfg.seed()));
        provenance.put("env_steps", Long.toString(r.envStep()));
        provenance.put("eval_return", Double.toString(r.lastEval()));
        provenance.put("config_sha256", configDigest(run.resolve(RunDirectory.CONFIG)));
        provenance.put("source_run", run.toAbsolutePath().normalize().getFileName().toString());
        provenance.put("exported_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        TrainedPolicy policy = actor.toPolicy(r.cfg.env(), r.envOptionsJson(), r.actionSpace(), provenance);
        PolicyFile.save(policy, out);
        long bytes;
        try {
            bytes = Files.size(out);
        } catch (IOException e) {
            bytes = -1;
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", out.toString());
            m.put("bytes", bytes);
            m.put("env", policy.envId());
            provenance.forEach(m::put);
            o.println(Json.line(m));
        } else {
            o.printf("%s: %s policy for %s (%s, seed %d, %d env steps, last evaluation %.2f), %d bytes%n", out,
                    r.cfg.algo().yamlName(), policy.envId(), java.util.Arrays.toString(policy.sizes()), r.cfg.seed(),
                    r.envStep(), r.lastEval(), bytes);
        }
        o.flush();
        return 0;
    }

    private static String configDigest(Path config) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(Files.readString(config).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new UserError("cannot read " + config + ": " + e.getMessage());
        }
    }
}
