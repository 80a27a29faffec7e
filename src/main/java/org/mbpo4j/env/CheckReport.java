package org.mbpo4j.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EnvChecker} found: one named {@link Check} per property of the env contract.
 * The env passes when no check FAILed; warnings and skipped checks do not fail it.
 */
public final class CheckReport {

    /** The outcome of one check. {@link #SKIP} means it did not apply or could not run. */
    public enum Status { PASS, WARN, FAIL, SKIP }

    /**
     * One check.
     *
     * @param name   a stable name, e.g. {@code reset} (see the constants in {@link EnvChecker})
     * @param status the outcome
     * @param detail one line saying what was checked or what went wrong
     */
    public record Check(String name, Status status, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            detail = detail == null ? "" : detail;
        }
    }

    private final String envId;
    private final List<Check> checks;

    public CheckReport(String envId, List<Check> checks) {
        this.envId = envId;
        this.checks = List.copyOf(checks);
    }

    /** The id of the checked env. */
    public String envId() {
        return envId;
    }

    /** All checks, in the order they are reported. */
    public List<Check> checks() {
        return checks;
    }

    /** The check with this name, if it is in the report. */
    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The status of the named check, or null if the report has no such check. */
    public Status status(String name) {
        return check(name).map(Check::status).orElse(null);
    }

    /** True when no check FAILed (warnings and skips are allowed). */
    public boolean passed() {
        return failures() == 0;
    }

    public int failures() {
        return count(Status.FAIL);
    }

    public int warnings() {
        return count(Status.WARN);
    }

    public int skipped() {
        return count(Status.SKIP);
    }

    /** The checks with the given status. */
    public List<Check> withStatus(Status status) {
        List<Check> out = new ArrayList<>();
        for (Check c : checks) {
            if (c.status() == status) {
                out.add(c);
            }
        }
        return out;
    }

    private int count(Status s) {
        int n = 0;
        for (Check c : checks) {
            if (c.status() == s) {
                n++;
            }
        }
        return n;
    }

    /**
     * One line per check ({@code STATUS  name: detail}) and a closing summary line.
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Check c : checks) {
            sb.append(String.format("%-4s  %s: %s%n", c.status(), c.name(), c.detail()));
        }
        sb.append(String.format("%s  %s: %d checks, %d failures, %d warnings, %d skipped%n",
                passed() ? "OK" : "FAILED", envId, checks.size(), failures(), warnings(), skipped()));
        return sb.toString();
    }

    /**
     * The report as plain maps and lists, for one-line JSON output:
     * {@code {env, checks: [{name, status, detail}...], warnings, failures, pass}}.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", envId);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", c.name());
            e.put("status", c.status().name());
            e.put("detail", c.detail());
            list.add(e);
        }
        m.put("checks", list);
        m.put("warnings", warnings());
        m.put("failures", failures());
        m.put("pass", passed());
        return m;
    }

    @Override
    public String toString() {
        return toText();
    }
}
