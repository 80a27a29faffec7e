package org.mbpo4j.env;

import java.util.List;

/**
 * How the registry makes an env that takes constructor options (Gymnasium's
 * {@code make(id, **kwargs)}) or that needs something outside mbpo4j (such as the MuJoCo
 * library). Its spaces and rules are known without making the env, so {@code ./mbpo envs} can
 * list an env the machine cannot run.
 */
public interface EnvFactory {

    /** The options {@link #make} accepts (empty if none). */
    List<EnvOption> options();

    /**
     * A fresh, unwrapped env with these options.
     *
     * @throws EnvUnavailableException when what it needs is missing ({@link #unavailable()})
     */
    Env<?> make(EnvKwargs kwargs);

    /** The task's rules for these options, or null if it has none. */
    TaskRules rules(EnvKwargs kwargs);

    /** The observation space the env will have with these options. */
    Box observationSpace(EnvKwargs kwargs);

    /** The action space the env will have with these options. */
    Space<?> actionSpace(EnvKwargs kwargs);

    /** Null when the env can be made on this machine; else why not and what to do, as one message. */
    String unavailable();

    /** What the env needs beyond mbpo4j, for listings (e.g. {@code MuJoCo}); null if nothing. */
    String requires();
}
