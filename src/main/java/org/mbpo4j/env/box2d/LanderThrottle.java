package org.mbpo4j.env.box2d;

/**
 * What one LunarLander action fires: the main engine's power (0 = off, else 0.5..1), the side
 * engines' power (0 = off, else 0.5..1) and the side direction (-1 left, +1 right).
 *
 * @param mainPower Gymnasium's {@code m_power}
 * @param sidePower Gymnasium's {@code s_power}
 * @param direction the side engine's direction (0 when off)
 */
public record LanderThrottle(double mainPower, double sidePower, double direction) {

    /**
     * Discrete action {@code a}: 0 nothing, 1 left engine, 2 main engine, 3 right engine, each at
     * full power.
     */
    public static LanderThrottle discrete(int a) {
        double main = a == 2 ? 1.0 : 0.0;
        boolean side = a == 1 || a == 3;
        return new LanderThrottle(main, side ? 1.0 : 0.0, side ? a - 2 : 0.0);
    }

    /**
     * Continuous action (main, lateral), each clipped to [-1, 1]: the main engine fires when
     * main > 0 with power (main + 1) / 2; a side engine fires when |lateral| > 0.5 with power
     * |lateral| in the direction of its sign.
     */
    public static LanderThrottle continuous(double main, double lateral) {
        double a0 = clip(main, -1, 1);
        double a1 = clip(lateral, -1, 1);
        double m = a0 > 0.0 ? (clip(a0, 0.0, 1.0) + 1.0) * 0.5 : 0.0;
        boolean side = Math.abs(a1) > 0.5;
        double s = side ? clip(Math.abs(a1), 0.5, 1.0) : 0.0;
        return new LanderThrottle(m, s, side ? Math.signum(a1) : 0.0);
    }

    private static double clip(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }
}
