package org.mbpo4j.env.mujoco;

import java.util.ArrayList;
import java.util.List;
import org.mbpo4j.env.EnvSpec;

/**
 * The MuJoCo tasks' registry entries: Gymnasium 1.3's 18 ids (9 tasks as {@code -v4} and
 * {@code -v5}) with their time limits and reward thresholds. Listing them needs no library;
 * making one does ({@link MujocoLibrary}).
 */
public final class MujocoEnvs {
    /** Every registered MuJoCo id. */
    public static final List<String> IDS;

    private MujocoEnvs() {
    }

    static {
        List<String> ids = new ArrayList<>();
        specs().forEach(s -> ids.add(s.id()));
        IDS = List.copyOf(ids);
    }

    /** The specs registered by {@link org.mbpo4j.env.Envs}: each task as -v4, then -v5. */
    public static List<EnvSpec> specs() {
        List<EnvSpec> out = new ArrayList<>();
        for (int v : new int[] {4, 5}) {
            out.add(spec(new Locomotion.Task(Locomotion.Kind.HOPPER, v), 1000, 3800,
                    "MuJoCo Hopper: a one-legged robot hops forward (3 motors)"));
        }
        for (int v : new int[] {4, 5}) {
            out.add(spec(new Locomotion.Task(Locomotion.Kind.WALKER2D, v), 1000, Double.NaN,
                    "MuJoCo Walker2d: a planar biped walks forward (6 motors)"));
        }
        for (int v : new int[] {4, 5}) {
            out.add(spec(new Locomotion.Task(Locomotion.Kind.HALF_CHEETAH, v), 1000, 4800,
                    "MuJoCo HalfCheetah: a planar two-legged runner, never terminates (6 motors)"));
        }
        for (int v : new int[] {4, 5}) {
            out.add(spec(new Ant.Task(v), 1000, 6000, "MuJoCo Ant: a quadruped walks forward (8 motors)"));
        }
        for (int v : new int[] {4, 5}) {
            out.add(spec(new Humanoid.Task(v), 1000, Double.NaN, "MuJoCo Humanoid: a 3D biped walks forward (17 motors)"));
        }
        for (int v : new int[] {4, 5}) {
            out.add(spec(new InvertedPendulum.Task(v), 1000, 950, "MuJoCo InvertedPendulum: balance a pole on a cart"));
        }
        for (int v : new int[] {4, 5}) {
            out.add(spec(new InvertedDoublePendulum.Task(v), 1000, 9100,
                    "MuJoCo InvertedDoublePendulum: balance two linked poles on a cart"));
        }
        for (int v : new int[] {4, 5}) {
            out.add(spec(new Locomotion.Task(Locomotion.Kind.SWIMMER, v), 1000, 360,
                    "MuJoCo Swimmer: a three-link snake swims forward, never terminates (2 motors)"));
        }
        for (int v : new int[] {4, 5}) {
            out.add(spec(new Reacher.Task(v), 50, -3.75, "MuJoCo Reacher: bring a two-joint arm's tip to a target"));
        }
        return out;
    }

    private static EnvSpec spec(MujocoTask task, int limit, double threshold, String summary) {
        return EnvSpec.withOptions(task.id, task, limit, threshold, summary);
    }
}
