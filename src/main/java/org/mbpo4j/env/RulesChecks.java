package org.mbpo4j.env;

import static org.mbpo4j.env.CheckText.formatAction;
import static org.mbpo4j.env.CheckText.vec;
import static org.mbpo4j.env.Throwables.describe;
import static org.mbpo4j.env.Throwables.rethrowIfFatal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mbpo4j.env.CheckReport.Status;

/**
 * The checks of the task's {@link TaskRules} against the transitions {@link SteppingCheck}
 * recorded: {@link EnvChecker#RULES_TERMINATED} and {@link EnvChecker#RULES_REWARD} here,
 * {@link EnvChecker#RULES_STATE_FROM_OBS} in {@link StateFromObsCheck}. All three are skipped
 * without rules or without a {@link StatefulEnv}, and fail together when the state cannot be read
 * or the dimensions disagree.
 */
final class RulesChecks {
    private static final List<String> NAMES = List.of(EnvChecker.RULES_TERMINATED, EnvChecker.RULES_REWARD,
            EnvChecker.RULES_STATE_FROM_OBS);

    private final CheckContext ctx;

    RulesChecks(CheckContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        String skip = null;
        if (ctx.rules() == null) {
            skip = "no TaskRules given";
        } else if (ctx.stateError() == null && ctx.stateful() == null) {
            skip = "the env is not a StatefulEnv (find(StatefulEnv.class) is empty)";
        }
        if (skip != null) {
            putAll(Status.SKIP, skip);
            return;
        }
        String problem = ctx.stateError();
        if (problem == null && ctx.transitions().isEmpty()) {
            problem = "no transitions were recorded (the stepping check failed at its first step)";
        }
        if (problem == null) {
            try {
                problem = dimsProblem();
            } catch (Throwable t) {
                rethrowIfFatal(t);
                problem = "reading the dimensions threw " + describe(t);
            }
        }
        if (problem != null) {
            putAll(Status.FAIL, problem);
            return;
        }
        ctx.guard(EnvChecker.RULES_TERMINATED, this::checkTerminated);
        ctx.guard(EnvChecker.RULES_REWARD, this::checkReward);
        ctx.guard(EnvChecker.RULES_STATE_FROM_OBS, new StateFromObsCheck(ctx)::run);
    }

    private void putAll(Status status, String detail) {
        for (String name : NAMES) {
            ctx.put(name, status, detail);
        }
    }

    /** Null when the rules, the env and the recorded transitions agree on the dimensions. */
    private String dimsProblem() {
        TaskRules rules = ctx.rules();
        List<String> p = new ArrayList<>();
        int sd = ctx.stateful().stateDim();
        if (rules.stateDim() != sd) {
            p.add("rules.stateDim() is " + rules.stateDim() + " but the env's stateDim() is " + sd);
        }
        if (rules.obsDim() != ctx.obsSpace().size()) {
            p.add("rules.obsDim() is " + rules.obsDim() + " but the observation space holds "
                    + ctx.obsSpace().size());
        }
        int ad = ctx.actSpace() instanceof Box b ? b.size() : 1;
        if (rules.actionDim() != ad) {
            p.add("rules.actionDim() is " + rules.actionDim() + " but the action space needs " + ad);
        }
        for (Transition t : ctx.transitions()) {
            if (t.state().length != sd || t.nextState().length != sd) {
                p.add("getState() returned " + (t.state().length != sd ? t.state().length : t.nextState().length)
                        + " values at " + t.where() + ", but stateDim() is " + sd);
                break;
            }
            if (t.actionRow() == null) {
                p.add("action " + formatAction(t.action()) + " cannot be passed to the rules as numbers");
                break;
            }
        }
        return p.isEmpty() ? null : String.join("; ", p);
    }

    private void checkTerminated() {
        List<Transition> transitions = ctx.transitions();
        int n = transitions.size();
        double[] next = rows(transitions, ctx.rules().stateDim(), Transition::nextState);
        boolean[] out = new boolean[n];
        ctx.rules().terminated(next, n, out);
        int terminal = 0;
        for (int i = 0; i < n; i++) {
            Transition t = transitions.get(i);
            if (out[i] != t.terminated()) {
                throw new CheckFailure("at " + t.where() + " rules.terminated says " + out[i] + " but the env said "
                        + t.terminated() + " (next state " + vec(t.nextState()) + ")");
            }
            if (t.terminated()) {
                terminal++;
            }
        }
        ctx.put(EnvChecker.RULES_TERMINATED, Status.PASS, "rules.terminated matches the env's flags on " + n
                + " transitions (" + terminal + " terminal)");
    }

    private void checkReward() {
        List<Transition> transitions = ctx.transitions();
        int n = transitions.size();
        int sd = ctx.rules().stateDim();
        double[] states = rows(transitions, sd, Transition::state);
        double[] next = rows(transitions, sd, Transition::nextState);
        double[] actions = rows(transitions, ctx.rules().actionDim(), Transition::actionRow);
        boolean[] term = new boolean[n];
        for (int i = 0; i < n; i++) {
            term[i] = transitions.get(i).terminated();
        }
        double[] out = new double[n];
        ctx.rules().reward(states, actions, next, term, n, out);
        double maxDiff = 0;
        for (int i = 0; i < n; i++) {
            Transition t = transitions.get(i);
            double diff = Math.abs(out[i] - t.reward());
            if (!(diff <= EnvChecker.REWARD_TOLERANCE * Math.max(1, Math.abs(t.reward())))) {
                throw new CheckFailure("at " + t.where() + " rules.reward gives " + out[i] + " but the env gave "
                        + t.reward() + " (state " + vec(t.state()) + ", action " + vec(t.actionRow())
                        + ", next state " + vec(t.nextState()) + ")");
            }
            maxDiff = Math.max(maxDiff, diff);
        }
        ctx.put(EnvChecker.RULES_REWARD, Status.PASS, "rules.reward matches the env's rewards on " + n
                + " transitions within " + EnvChecker.REWARD_TOLERANCE + " (max |diff| " + maxDiff + ")"
                + (ctx.rescale() != null ? "; actions mapped through RescaleAction" : ""));
    }

    /** The {@code width} values {@code row} picks from each transition, one row after another. */
    private static double[] rows(List<Transition> transitions, int width, Function<Transition, double[]> row) {
        double[] out = new double[transitions.size() * width];
        for (int i = 0; i < transitions.size(); i++) {
            System.arraycopy(row.apply(transitions.get(i)), 0, out, i * width, width);
        }
        return out;
    }
}
