package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EnvSpec;
import org.mbpo4j.env.Envs;
import org.mbpo4j.run.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mbpo envs}: the registered environments with their spaces and time limits. */
@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "List the registered environments with their spaces and time limits.")
final class EnvsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON line per env instead of a table.")
    boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : Envs.ids()) {
            EnvSpec s = Envs.spec(id);
            try (Env<?> e = s.factory().get()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("observation_space", e.observationSpace().toString());
                row.put("observation_shape", "Box(" + e.observationSpace().size() + ",)");
                row.put("action_space", e.actionSpace().toString());
                row.put("max_episode_steps", s.maxEpisodeSteps());
                row.put("reward_threshold", Double.isNaN(s.rewardThreshold()) ? null : s.rewardThreshold());
                row.put("summary", s.summary());
                rows.add(row);
            }
        }
        if (json) {
            rows.forEach(r -> r.remove("observation_shape"));
            rows.forEach(r -> out.println(Json.line(r)));
            return;
        }
        String fmt = "%-26s %-12s %-30s %6s  %s%n";
        out.printf(fmt, "ID", "OBSERVATION", "ACTION SPACE", "LIMIT", "TASK");
        for (Map<String, Object> r : rows) {
            out.printf(fmt, r.get("id"), r.get("observation_shape"), r.get("action_space"),
                    r.get("max_episode_steps"), r.get("summary"));
        }
        out.flush();
    }
}
