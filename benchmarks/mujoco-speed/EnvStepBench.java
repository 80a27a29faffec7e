import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.mujoco.MujocoEnv;
import org.mbpo4j.env.mujoco.MujocoEnvs;
import org.mbpo4j.env.mujoco.MujocoLibrary;

/**
 * The cost of one env step of each MuJoCo id as a user pays it (Envs.make: the TimeLimit
 * wrapper; env.step with the observation, rules, reward and info), on one thread, with uniform
 * random actions and a reset whenever an episode ends (resets are not counted), after 20,000
 * untimed steps for the JIT, against
 * frame_skip bare mj_step calls in C (mjstep_bench.c) on the same trajectory.
 *
 * This VM's speed drifts by up to 1.5x within seconds, so the two are measured in alternation:
 * CHUNKS chunks of CHUNK_STEPS env steps, each run in Java and then replayed by the C harness
 * right after; the first chunk warms up and is dropped. Per id it prints the median Java and C
 * cost per env step, and the median of the per-chunk ratios Java / C.
 *
 * From the repository root, after `./mvnw -q -DskipTests package` (run.sh does all of this):
 *   java -cp 'target/mbpo4j.jar:target/lib/*' benchmarks/mujoco-speed/EnvStepBench.java \
 *       OUT_DIR C_HARNESS DOUBLE_MARGINS(0|1) CHUNKS CHUNK_STEPS [IDS...]
 */
public final class EnvStepBench {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String harness = args[1];
        String doubleMargins = args[2];
        int chunks = Integer.parseInt(args[3]);
        int chunkSteps = Integer.parseInt(args[4]);
        List<String> ids = args.length > 5 ? Arrays.asList(args).subList(5, args.length) : MujocoEnvs.IDS;
        Files.createDirectories(out);
        System.out.println("# mujoco " + MujocoLibrary.get().version() + " " + MujocoLibrary.get().path());
        System.out.println("id,frame_skip,chunks,chunk_steps,resets,java_us_per_step,java_steps_per_s,"
                + "c_us_per_step,c_steps_per_s,ratio,ratio_min,ratio_max");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String id : ids) {
            @SuppressWarnings("unchecked")
            Env<float[]> env = (Env<float[]>) Envs.make(id);
            MujocoEnv mj = env.find(MujocoEnv.class).orElseThrow();
            Box box = (Box) env.actionSpace();
            Random rnd = new Random(1);
            Path traj = out.resolve(id + ".traj");
            String xml = xml(id);
            double[] java = new double[chunks - 1];
            double[] c = new double[chunks - 1];
            double[] ratio = new double[chunks - 1];
            long resets = 0;
            // JIT warm-up: the step path must be compiled (C2) before anything is timed.
            for (int w = 0; w < 10; w++) {
                chunk(env, mj, box, rnd, 2000, traj, mx);
            }
            for (int k = 0; k < chunks; k++) {
                long[] r = chunk(env, mj, box, rnd, chunkSteps, traj, mx);
                double javaUs = r[0] / 1e3 / chunkSteps;
                double cUs = replay(harness, xml, mj.frameSkip(), traj, doubleMargins);
                if (k > 0) {
                    java[k - 1] = javaUs;
                    c[k - 1] = cUs;
                    ratio[k - 1] = javaUs / cUs;
                    resets += r[1];
                }
            }
            Files.deleteIfExists(traj);
            env.close();
            double j = median(java);
            double cc = median(c);
            Arrays.sort(ratio);
            System.out.printf("%s,%d,%d,%d,%d,%.2f,%.0f,%.2f,%.0f,%.3f,%.3f,%.3f%n", id, mj.frameSkip(), chunks - 1,
                    chunkSteps, resets, j, 1e6 / j, cc, 1e6 / cc, median(ratio), ratio[0], ratio[ratio.length - 1]);
        }
    }

    /** One chunk from a fresh reset: returns {thread CPU ns of the steps, resets}; writes its trajectory. */
    private static long[] chunk(Env<float[]> env, MujocoEnv mj, Box box, Random rnd, int n, Path file,
                                ThreadMXBean mx) throws IOException {
        float[][] actions = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] a = new float[box.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = box.low(k) + rnd.nextFloat() * (box.high(k) - box.low(k));
            }
            actions[i] = a;
        }
        List<double[]> resetStates = new ArrayList<>();
        List<Integer> resetAt = new ArrayList<>();
        env.reset((long) rnd.nextInt(1 << 30));
        resetStates.add(mj.getState());
        resetAt.add(0);
        long resetNs = 0;
        long start = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            StepResult s = env.step(actions[i]);
            if (s.done()) {
                long r0 = mx.getCurrentThreadCpuTime();
                env.reset((long) rnd.nextInt(1 << 30));
                resetStates.add(mj.getState());
                resetAt.add(i + 1);
                resetNs += mx.getCurrentThreadCpuTime() - r0;
            }
        }
        long total = mx.getCurrentThreadCpuTime() - start;
        try (DataOutputStream t = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            int next = 0;
            for (int i = 0; i < n; i++) {
                if (next < resetAt.size() && resetAt.get(next) == i) {
                    le(t, 0);
                    double[] st = resetStates.get(next++);
                    for (int k = 0; k < mj.nq() + mj.nv(); k++) {
                        le(t, st[k]);
                    }
                }
                le(t, 1);
                for (float v : actions[i]) {
                    le(t, v);
                }
            }
        }
        return new long[] {total - resetNs, resetAt.size() - 1};
    }

    /** The C harness's cost per env step on the trajectory. */
    private static double replay(String harness, String xml, int frameSkip, Path traj, String doubleMargins)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(harness, xml, Integer.toString(frameSkip), traj.toString(), doubleMargins)
                .redirectErrorStream(true).start();
        String line = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0 || !line.contains("us_per_env_step")) {
            throw new IllegalStateException(harness + " failed: " + line);
        }
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String xml(String id) {
        String task = id.substring(0, id.indexOf('-'));
        String file = switch (task) {
            case "Hopper" -> "hopper.xml";
            case "Walker2d" -> id.endsWith("v5") ? "walker2d_v5.xml" : "walker2d.xml";
            case "HalfCheetah" -> "half_cheetah.xml";
            case "Ant" -> "ant.xml";
            case "Humanoid" -> "humanoid.xml";
            case "InvertedPendulum" -> "inverted_pendulum.xml";
            case "InvertedDoublePendulum" -> "inverted_double_pendulum.xml";
            case "Swimmer" -> "swimmer.xml";
            case "Reacher" -> "reacher.xml";
            default -> throw new IllegalArgumentException(id);
        };
        return "src/main/resources/org/mbpo4j/env/mujoco/assets/" + file;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** A little-endian double, as the C harness reads it. */
    private static void le(DataOutputStream out, double v) throws IOException {
        out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(v)));
    }
}
