package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.EnvSpec;
import org.mbpo4j.env.Envs;
import org.mbpo4j.io.Json;
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
            Box obs = Envs.observationSpace(id, null);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("observation_space", obs.toString());
            row.put("observation_shape", "Box(" + obs.size() + ",)");
            row.put("action_space", Envs.actionSpace(id, null).toString());
            row.put("max_episode_steps", s.maxEpisodeSteps());
            row.put("reward_threshold", Double.isNaN(s.rewardThreshold()) ? null : s.rewardThreshold());
            String requires = s.options() == null ? null : s.options().requires();
            if (requires != null) {
                row.put("requires", requires);
                row.put("available", Envs.unavailable(id) == null);
            }
            row.put("summary", s.summary());
            rows.add(row);
        }
        if (json) {
            rows.forEach(r -> r.remove("observation_shape"));
            rows.forEach(r -> out.println(Json.line(r)));
            return;
        }
        String fmt = "%-26s %-12s %-30s %6s  %s%n";
        out.printf(fmt, "ID", "OBSERVATION", "ACTION SPACE", "LIMIT", "TASK");
        String missing = null;
        for (Map<String, Object> r : rows) {
            String task = String.valueOf(r.get("summary"));
            if (Boolean.FALSE.equals(r.get("available"))) {
                task = "[needs " + r.get("requires") + "] " + task;
                missing = Envs.unavailable((String) r.get("id"));
            }
            out.printf(fmt, r.get("id"), r.get("observation_shape"), r.get("action_space"),
                    r.get("max_episode_steps"), task);
        }
        if (missing != null) {
            out.println();
            out.println("[needs MuJoCo]: " + missing);
        }
        out.flush();
    }
}
