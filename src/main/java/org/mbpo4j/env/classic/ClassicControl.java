package org.mbpo4j.env.classic;

import java.util.List;
import org.mbpo4j.env.EnvSpec;

/** The registry entries of the classic-control tasks, with Gymnasium's time limits. */
public final class ClassicControl {
    private ClassicControl() {
    }

    /** One spec per env, in the order {@code ./mbpo envs} lists them. */
    public static List<EnvSpec> specs() {
        return List.of(
                new EnvSpec(Pendulum.ID, Pendulum::new, 200, Double.NaN, Pendulum.RULES, Pendulum.ID,
                        "swing up and balance a pendulum (continuous torque)"),
                new EnvSpec(MountainCarContinuous.ID, MountainCarContinuous::new, 999, 90.0,
                        MountainCarContinuous.RULES, MountainCarContinuous.ID,
                        "drive an underpowered car up a hill (continuous force)"),
                new EnvSpec(CartPole.ID, CartPole::new, 500, 475.0, CartPole.RULES, CartPole.ID,
                        "balance a pole on a cart (push left/right)"),
                new EnvSpec(CartPoleContinuous.ID, CartPoleContinuous::new, 500, 475.0, CartPole.RULES,
                        CartPole.ID, "CartPole with a continuous force in [-1, 1]"),
                new EnvSpec(Acrobot.ID, Acrobot::new, 500, -100.0, Acrobot.RULES, Acrobot.ID,
                        "swing a two-link arm's tip above a line (3 torques)"),
                new EnvSpec(MountainCar.ID, MountainCar::new, 200, -110.0, MountainCar.RULES, MountainCar.ID,
                        "drive a car up a hill (push left/none/right)"));
    }
}
