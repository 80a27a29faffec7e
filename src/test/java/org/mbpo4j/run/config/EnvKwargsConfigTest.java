package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code env_kwargs:}: an env's constructor options, validated against the env's own option
 * schema like every other key (file and key named, what is allowed, the closest key), written
 * back to {@code config.yaml} and read again unchanged. Needs no MuJoCo library.
 */
class EnvKwargsConfigTest {
    private static final String SRC = "configs/hopper.yaml";

    private static RunConfig parse(String yaml, String... overrides) {
        return ConfigLoader.parse(yaml, SRC, List.of(overrides));
    }

    private static String error(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
    }

    @Test
    void optionsAreReadInCanonicalForm() {
        RunConfig c = parse("""
                env: Hopper-v5
                env_kwargs:
                  ctrl_cost_weight: 2e-3
                  healthy_z_range: [0.8, .inf]
                  frame_skip: 5
                  terminate_when_unhealthy: false
                algo: sac
                """);
        assertEquals(Map.of("ctrl_cost_weight", 0.002, "healthy_z_range", List.of(0.8, Double.POSITIVE_INFINITY),
                "frame_skip", 5, "terminate_when_unhealthy", false), c.envKwargs());
        assertEquals(0.002, c.kwargs().number("ctrl_cost_weight"));
        assertEquals(1.0, c.kwargs().number("healthy_reward"), "the others keep their defaults");
        assertEquals(c, parse(ConfigLoader.toYaml(c)), "config.yaml reads back the same options");
        assertTrue(ConfigLoader.toYaml(c).contains("healthy_z_range:\n  - 0.8\n  - .inf"), ConfigLoader.toYaml(c));
    }

    @Test
    void mbposTruncatedHumanoidFromAPreset() {
        RunConfig c = parse("""
                env: Humanoid-v5
                env_kwargs: {include_cinert_in_observation: false, include_cvel_in_observation: false,
                             include_qfrc_actuator_in_observation: false, include_cfrc_ext_in_observation: false}
                algo: mbpo
                """);
        assertEquals(45, org.mbpo4j.env.Envs.observationSpace(c.env(), c.kwargs()).size());
    }

    @Test
    void overridesReachOptions() {
        RunConfig c = parse("env: Ant-v5\nalgo: sac\n", "env_kwargs.include_cfrc_ext_in_observation=false");
        assertEquals(Map.of("include_cfrc_ext_in_observation", false), c.envKwargs());
    }

    @Test
    void badOptionsNameFileKeyAndWhatIsAllowed() {
        assertEquals(SRC + ": unknown key 'env_kwargs.ctrl_cost_wieght' (allowed under env_kwargs: xml_file, frame_skip,"
                + " forward_reward_weight, ctrl_cost_weight, healthy_reward, terminate_when_unhealthy, healthy_state_range,"
                + " healthy_z_range, healthy_angle_range, reset_noise_scale, exclude_current_positions_from_observation);"
                + " did you mean 'ctrl_cost_weight'?",
                error("env: Hopper-v5\nalgo: sac\nenv_kwargs: {ctrl_cost_wieght: 1}\n"));
        assertEquals(SRC + ": env_kwargs.ctrl_cost_weight: must be a number in [0, inf), got -1",
                error("env: Hopper-v5\nalgo: sac\nenv_kwargs: {ctrl_cost_weight: -1}\n"));
        assertEquals(SRC + ": env_kwargs.frame_skip: must be an integer in [1, 1000], got 2.5",
                error("env: Hopper-v5\nalgo: sac\nenv_kwargs: {frame_skip: 2.5}\n"));
        assertEquals(SRC + ": env_kwargs.healthy_z_range: must be a list [low, high] of numbers in (-inf, inf) with low"
                + " <= high (.inf for infinity), got [1.0, 0.5]",
                error("env: Hopper-v4\nalgo: sac\nenv_kwargs: {healthy_z_range: [1.0, 0.5]}\n"));
        assertEquals(SRC + ": env_kwargs.exclude_current_positions_from_observation: must be true or false, got 'yes please'",
                error("env: Hopper-v4\nalgo: sac\nenv_kwargs: {exclude_current_positions_from_observation: yes please}\n"));
        assertTrue(error("env: Hopper-v4\nalgo: sac\nenv_kwargs: {frame_skip: 4}\n")
                .contains("unknown key 'env_kwargs.frame_skip'"), "v4 has no frame_skip option");
        assertEquals(SRC + ": env_kwargs.x: Pendulum-v1 takes no constructor options (env_kwargs is for envs such as the"
                + " MuJoCo tasks: ./mbpo envs)", error("env: Pendulum-v1\nalgo: sac\nenv_kwargs: {x: 1}\n"));
        assertEquals(SRC + ": env_kwargs: must be a mapping (a section of keys), got 3",
                error("env: Hopper-v4\nalgo: sac\nenv_kwargs: 3\n"));
    }
}
