package org.mbpo4j.env.box2d;

import org.mbpo4j.policy.Policy;

/**
 * Gymnasium's {@code heuristic} for LunarLander: tilt towards the pad centre and hover at a
 * height proportional to the horizontal offset; once a leg touches, only slow the descent.
 * {@link #continuous()} and {@link #discrete()} are the two action forms. Stateless.
 */
public final class LanderHeuristic {

    private LanderHeuristic() {
    }

    /** The two controls of the heuristic: {@code angle_todo} and {@code hover_todo}. */
    record Todo(double angle, double hover) {
    }

    /** Gymnasium's {@code angle_todo} and {@code hover_todo} for observation {@code s}. */
    static Todo todo(float[] s) {
        double angleTarg = s[0] * 0.5 + s[2] * 1.0;
        angleTarg = Math.max(-0.4, Math.min(0.4, angleTarg));
        double hoverTarg = 0.55 * Math.abs(s[0]);
        double angleTodo = (angleTarg - s[4]) * 0.5 - s[5] * 1.0;
        double hoverTodo = (hoverTarg - s[1]) * 0.5 - s[3] * 0.5;
        if (s[6] != 0 || s[7] != 0) {
            angleTodo = 0;
            hoverTodo = -s[3] * 0.5;
        }
        return new Todo(angleTodo, hoverTodo);
    }

    /** For {@code LunarLanderContinuous-v3}: {@code clip([20 hover - 1, -20 angle], -1, 1)}. */
    public static Policy<float[]> continuous() {
        return new Policy<>() {
            @Override
            public String name() {
                return "heuristic";
            }

            @Override
            public float[] act(float[] obs, boolean deterministic) {
                Todo t = todo(obs);
                return new float[] {(float) clip(t.hover() * 20 - 1), (float) clip(-t.angle() * 20)};
            }
        };
    }

    /**
     * For {@code LunarLander-v3}: main engine (2) when hovering is the larger need, else the side
     * engine that corrects the angle (3 or 1), else nothing (0).
     */
    public static Policy<Integer> discrete() {
        return new Policy<>() {
            @Override
            public String name() {
                return "heuristic";
            }

            @Override
            public Integer act(float[] obs, boolean deterministic) {
                Todo t = todo(obs);
                if (t.hover() > Math.abs(t.angle()) && t.hover() > 0.05) {
                    return 2;
                }
                if (t.angle() < -0.05) {
                    return 3;
                }
                if (t.angle() > 0.05) {
                    return 1;
                }
                return 0;
            }
        };
    }

    private static double clip(double x) {
        return Math.max(-1, Math.min(1, x));
    }
}
