import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.io.Plots;

/**
 * A run's value estimates beside its returns, to tell a critic that overestimates from a policy
 * that falls: one row per epoch (the evaluation steps) with the deterministic evaluation return,
 * the stochastic training episodes' mean return and length, and SAC's last-update value figures
 * from metrics.csv (q_mean: Q_i(s, a) of the batch; q_target_mean: the critic target y;
 * q_pi_mean: min_i Q_i(s, a~pi), what the actor climbs), with alpha, entropy and the critic loss.
 * For scale it adds what a calibrated soft critic would give, roughly, on a state drawn uniformly
 * from the interval's training episodes: with their mean length L, their mean per-step reward r
 * and SAC's entropy bonus (alpha times the logged entropy, per step), a state t steps into an
 * episode that terminates at L is worth {@code (r + alpha H) (1 - gamma^(L - t)) / (1 - gamma)};
 * averaged over t that is {@code (r + alpha H) (L - gamma (1 - gamma^L) / (1 - gamma)) / (L (1 - gamma))}.
 * It is a yardstick, not a target: MBPO's batch is 95% model states, episodes truncated at the
 * time limit are worth more (they bootstrap), and the bonus comes from the batch's states.
 *
 *   java -cp target/mbpo4j.jar benchmarks/mbpo-mujoco/ValueTable.java RUN_DIR OUT_DIR [GAMMA]
 *
 * writes OUT_DIR/values.csv and OUT_DIR/values.png (the value figures against env steps).
 */
public class ValueTable {
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ValueTable RUN_DIR OUT_DIR [GAMMA (default 0.99)]");
            System.exit(2);
        }
        Path run = Path.of(args[0]);
        Path out = Path.of(args[1]);
        double gamma = args.length == 3 ? Double.parseDouble(args[2]) : 0.99;
        CsvLog eval = CsvLog.read(run.resolve("eval.csv"));
        CsvLog metrics = CsvLog.read(run.resolve("metrics.csv"));
        double[] mSteps = metrics.column("env_steps");
        double[] eSteps = eval.column("env_steps");
        double[] evalReturn = eval.column("mean_return");
        String[] figures = {"episode_return_mean", "episode_length_mean", "q_mean", "q_target_mean", "q_pi_mean",
            "alpha", "entropy", "critic_loss"};
        double[][] cols = new double[figures.length][];
        for (int f = 0; f < figures.length; f++) {
            cols[f] = metrics.column(figures[f]);
        }
        Files.createDirectories(out);
        Path csv = out.resolve("values.csv");
        Files.deleteIfExists(csv);
        List<String> header = new ArrayList<>(List.of("env_steps", "eval_return"));
        header.addAll(List.of(figures));
        header.add("soft_value_yardstick");
        CsvLog table = CsvLog.create(csv, header);
        List<Double> x = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        for (int e = 0; e < eSteps.length; e++) {
            int r = indexOf(mSteps, eSteps[e]);
            if (r < 0) {
                continue;
            }
            List<Object> row = new ArrayList<>();
            row.add((long) eSteps[e]);
            row.add(evalReturn[e]);
            for (double[] c : cols) {
                row.add(c[r]);
            }
            double length = cols[1][r];
            double perStep = cols[0][r] / length + cols[5][r] * cols[6][r];
            double meanDiscount = (length - gamma * (1 - Math.pow(gamma, length)) / (1 - gamma)) / (length * (1 - gamma));
            row.add(perStep * meanDiscount);
            table.append(row);
            x.add(eSteps[e]);
            q.add(new double[] {cols[2][r], cols[3][r], cols[4][r], (double) row.get(row.size() - 1)});
        }
        double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
        String[] names = {"q_mean (batch)", "q_target_mean (batch)", "q_pi_mean (batch)",
            "yardstick: soft value of the training episodes"};
        List<Plots.Line> lines = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            final int j = i;
            lines.add(new Plots.Line(names[i], xs, q.stream().mapToDouble(v -> v[j]).toArray()));
        }
        Plots.lines(out.resolve("values.png"), "SAC's value estimates at each evaluation, " + run.getParent().getFileName() + "/" + run.getFileName(),
                "env steps", "value", lines, false);
        System.out.println("wrote " + csv + " (" + table.size() + " rows) and " + out.resolve("values.png"));
    }

    private static int indexOf(double[] v, double x) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
