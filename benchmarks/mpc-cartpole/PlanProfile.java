import java.nio.file.Path;
import java.util.List;
import org.mbpo4j.env.*;
import org.mbpo4j.model.*;
import org.mbpo4j.mpc.*;
import org.mbpo4j.nn.*;
import org.mbpo4j.random.Rng;
import org.mbpo4j.run.config.*;

/** Planning time per action at the cartpolecontinuous-cem preset's settings, and where it goes. */
public class PlanProfile {
    public static void main(String[] args) {
        int actions = Integer.parseInt(args[0]);
        String preset = args.length > 1 ? args[1] : "configs/cartpolecontinuous-cem.yaml";
        RunConfig cfg = ConfigLoader.load(Path.of(preset), List.of());
        Kernels k = Kernels.cpu();
        @SuppressWarnings("unchecked")
        Env<float[]> env = (Env<float[]>) Envs.make(cfg.env(), 200);
        Rng rng = new Rng(0);
        TransitionModel model = TransitionModel.fromConfig(cfg.model(), 4, 1, rng.child("m"));
        RealData data = RealData.random(env, 200, 1, rng.child("d"));
        long t0 = System.nanoTime();
        TrainReport rep = new ModelTrainer(model, ModelTrainer.Options.fromConfig(cfg.model()), k, rng.child("t")).train(data.transitions());
        System.out.printf("model trained on 200 random steps: %s (%.2f s)%n", rep, (System.nanoTime() - t0) * 1e-9);
        ModelEnv menv = new ModelEnv(model, Envs.spec(cfg.env()).rules(), Propagation.FIXED_MEMBER, false,
                args.length > 2 ? Integer.parseInt(args[2]) : cfg.model().rolloutChunk(), k, rng.child("e"));
        MpcConfig c = cfg.mpc();
        TrajectoryEvaluator ev = new TrajectoryEvaluator(menv, c.particles(), c.population());
        Planner p = Planners.create(c, ev, ActionBounds.of((Box) env.actionSpace()), rng.child("p"));
        float[] obs = env.reset(5L).obs();
        // warm-up (JIT): 3 plans, not timed
        for (int i = 0; i < 3; i++) p.plan(obs);
        double modelBefore = ev.modelSeconds();
        long rowsBefore = ev.rowSteps();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        double[] times = new double[actions];
        double ret = 0;
        for (int i = 0; i < actions; i++) {
            long a = System.nanoTime();
            float[] act = p.firstAction(obs);
            times[i] = (System.nanoTime() - a) * 1e-9;
            StepResult r = env.step(act);
            ret += r.reward();
            obs = r.obs();
            if (r.done()) { obs = env.reset(6L + i).obs(); p.reset(); }
        }
        double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9 / actions;
        double total = 0;
        for (double t : times) total += t;
        System.out.printf("process CPU time %.1f ms per action (all threads)%n", cpu * 1000);
        java.util.Arrays.sort(times);
        double model_s = ev.modelSeconds() - modelBefore;
        long rows = ev.rowSteps() - rowsBefore;
        System.out.printf("%s: %d actions, plan mean %.1f ms, median %.1f ms, min %.1f ms; ModelEnv.step %.1f ms/action (%.0f%%), %d rows/action (%.0f%% of %d without terminations); return %.0f%n",
                c.planner(), actions, total / actions * 1000, times[actions / 2] * 1000, times[0] * 1000, model_s / actions * 1000,
                100 * model_s / total, rows / actions, 100.0 * rows / actions / (c.population() * (long) c.particles() * c.horizon() * (c.planner() == MpcConfig.PlannerKind.RS ? 1 : c.iterations())),
                c.population() * (long) c.particles() * c.horizon() * (c.planner() == MpcConfig.PlannerKind.RS ? 1 : c.iterations()), ret);
        // the network alone on the same rows: one member's forward pass per piece, SiLU and identity hidden layers
        long perAction = rows / actions;
        int piece = 1000;
        for (Activation act : new Activation[] {Activation.SILU, Activation.IDENTITY}) {
            EnsembleMlp net = act == Activation.SILU ? model.ensemble().net()
                    : new EnsembleMlp(7, new int[] {5, 200, 200, 200, 200, 8}, act, Activation.IDENTITY, Init.TRUNCATED_NORMAL, new Rng(1));
            Workspace ws = net.memberWorkspace(piece);
            for (int w = 0; w < 50; w++) net.forwardMember(ws, w % 7, k);
            long pieces = perAction * 5 / piece;
            long a = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            for (long i = 0; i < pieces; i++) net.forwardMember(ws, (int) (i % 7), k);
            double s = (System.nanoTime() - a) * 1e-9 / 5;
            System.out.printf("  (cpu %.1f ms/action)", (os.getProcessCpuTime() - c0) * 1e-6 / 5);
            System.out.printf("  forwardMember on %d rows per action in pieces of %d, %s hidden: %.1f ms/action%n", perAction, piece, act, s * 1000);
        }
    }
}
