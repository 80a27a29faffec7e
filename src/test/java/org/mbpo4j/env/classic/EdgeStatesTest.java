package org.mbpo4j.env.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StatefulEnv;
import org.mbpo4j.env.StepResult;

/**
 * Edge states that the recorded set A does not reach (walls, clips, angles beyond 2 pi),
 * checked against values worked out by hand from Gymnasium's source.
 */
class EdgeStatesTest {

    @SuppressWarnings("unchecked")
    private static <A> Env<A> make(String id) {
        return (Env<A>) Envs.make(id);
    }

    private static StatefulEnv state(Env<?> env) {
        return env.find(StatefulEnv.class).orElseThrow();
    }

    @Test
    void pendulumCostWrapsAnglesBeyondTwoPi() {
        Env<float[]> env = make("Pendulum-v1");
        double th = 2 * Math.PI + 0.3;
        state(env).setState(new double[] {th, 0.0});
        StepResult r = env.step(new float[] {0f});
        double a = ((th + Math.PI) % (2 * Math.PI)) - Math.PI;
        assertEquals(-(a * a), r.reward(), 1e-15);
        assertEquals(0.3, a, 1e-12);
        // theta itself is not wrapped in the state
        assertTrue(state(env).getState()[0] > 2 * Math.PI);
        // negative angles: Python's floored modulo, not Java's truncated one
        state(env).setState(new double[] {-7.0, 0.0});
        double b = Pendulum.angleNormalize(-7.0);
        assertEquals(-7.0 + 2 * Math.PI, b, 1e-12);
        assertEquals(-(b * b), env.step(new float[] {0f}).reward(), 1e-15);
    }

    @Test
    void pendulumClipsTorqueForDynamicsAndCostAndSpeedForDynamics() {
        Env<float[]> env = make("Pendulum-v1");
        state(env).setState(new double[] {0.0, 7.9});
        StepResult r = env.step(new float[] {5f});
        double[] s = state(env).getState();
        assertEquals(8.0, s[1], 0.0, "speed clipped at 8");
        assertEquals(8.0 * 0.05, s[0], 1e-15);
        assertEquals(-(0.1 * 7.9 * 7.9 + 0.001 * 4.0), r.reward(), 1e-12, "torque 5 costs as 2");
    }

    @Test
    void mountainCarStopsAtTheLeftWall() {
        Env<Integer> env = make("MountainCar-v0");
        state(env).setState(new double[] {-1.19, -0.05});
        env.step(0);
        assertArrayEquals(new double[] {-1.2, 0.0}, state(env).getState(), 0.0);
        Env<float[]> cont = make("MountainCarContinuous-v0");
        state(cont).setState(new double[] {-1.19, -0.05});
        cont.step(new float[] {-1f});
        assertArrayEquals(new double[] {(float) -1.2, 0.0}, state(cont).getState(), 0.0,
                "the continuous car stores its state as float32");
    }

    @Test
    void mountainCarContinuousClipsForDynamicsButPaysTheRawAction() {
        Env<float[]> a = make("MountainCarContinuous-v0");
        Env<float[]> b = make("MountainCarContinuous-v0");
        state(a).setState(new double[] {-0.5, 0.0});
        state(b).setState(new double[] {-0.5, 0.0});
        StepResult big = a.step(new float[] {3f});
        StepResult one = b.step(new float[] {1f});
        assertArrayEquals(state(b).getState(), state(a).getState(), 0.0);
        assertEquals(-0.1 * 9, big.reward(), 1e-12);
        assertEquals(-0.1, one.reward(), 1e-12);
    }

    @Test
    void mountainCarContinuousGoalPaysHundred() {
        Env<float[]> env = make("MountainCarContinuous-v0");
        state(env).setState(new double[] {0.44, 0.02});
        StepResult r = env.step(new float[] {0.5f});
        assertTrue(r.terminated());
        assertEquals(100.0 - 0.1 * 0.25, r.reward(), 1e-12);
    }

    @Test
    void mountainCarContinuousJudgesTheGoalBeforeRoundingToFloat32() {
        // float32(0.45) = 0.44999998807907104 < 0.45. A step that lands the double position in
        // [0.45, 0.45 + 5e-9) terminates in Gymnasium (it tests the double), although the
        // float32 state it then stores, and returns as the observation, is below the goal.
        assertTrue((float) 0.45 < 0.45);
        double p0 = 0.44;
        double target = 0.45 + 1e-10;
        double v0 = (target - p0) - 1.0 * 0.0015 + 0.0025 * StrictMath.cos(3 * p0);
        Env<float[]> env = make("MountainCarContinuous-v0");
        state(env).setState(new double[] {p0, v0});
        StepResult r = env.step(new float[] {1f});
        assertTrue(r.terminated(), "terminated is decided on the double position");
        assertEquals(100.0 - 0.1, r.reward(), 1e-12);
        assertEquals((float) 0.45, state(env).getState()[0], 0.0, "the stored state is float32");
        assertTrue(r.obs()[0] < 0.45, "the observation is below the goal, yet the episode terminated");
    }

    @Test
    void velocitiesAreClipped() {
        Env<Integer> env = make("MountainCar-v0");
        state(env).setState(new double[] {0.59, 0.0699});
        env.step(2);
        assertEquals(0.07, state(env).getState()[1], 0.0);
    }

    @Test
    void acrobotWrapsAnglesAndBoundsVelocities() {
        assertEquals(-Math.PI + 0.5, Acrobot.wrap(Math.PI + 0.5, -Math.PI, Math.PI), 1e-15);
        assertEquals(Math.PI - 0.5, Acrobot.wrap(-Math.PI - 0.5 - 4 * Math.PI, -Math.PI, Math.PI), 1e-12);
        Env<Integer> env = make("Acrobot-v1");
        state(env).setState(new double[] {3.1, -3.1, 12.5, 28.2});
        env.step(2);
        double[] s = state(env).getState();
        assertTrue(Math.abs(s[0]) <= Math.PI && Math.abs(s[1]) <= Math.PI);
        assertTrue(Math.abs(s[2]) <= 4 * Math.PI && Math.abs(s[3]) <= 9 * Math.PI);
    }

    @Test
    void cartPoleTerminatesPastTheThresholdsAndPaysOnTheLastStep() {
        Env<Integer> env = make("CartPole-v1");
        state(env).setState(new double[] {2.399, 1.0, 0.0, 0.0});
        StepResult r = env.step(1);
        assertTrue(r.terminated());
        assertEquals(1.0, r.reward());
        state(env).setState(new double[] {0.0, 0.0, 0.2094, 0.1});
        assertTrue(env.step(1).terminated());
        state(env).setState(new double[] {0.0, 0.0, 0.0, 0.0});
        assertFalse(env.step(1).terminated());
    }

    @Test
    void setStateRejectsBadVectors() {
        StatefulEnv s = state(make("Pendulum-v1"));
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> s.setState(new double[] {1, 2, 3}));
        assertEquals("Pendulum-v1: state must hold 2 values, got 3", len.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> s.setState(new double[] {Double.NaN, 0}));
        assertEquals("Pendulum-v1: state value 0 is NaN", nan.getMessage());
    }

    @Test
    void continuousCartPoleMatchesDiscreteCartPoleAtPlusMinusOne() {
        Env<Integer> d = make("CartPole-v1");
        Env<float[]> c = make("CartPoleContinuous-v1");
        d.reset(11L);
        c.reset(11L);
        for (int t = 0; t < 30; t++) {
            int k = (t / 3) % 2;
            StepResult rd = d.step(k);
            StepResult rc = c.step(new float[] {2 * k - 1});
            assertArrayEquals(rd.obs(), rc.obs());
            assertEquals(rd.terminated(), rc.terminated());
            if (rd.done()) {
                break;
            }
        }
    }
}
