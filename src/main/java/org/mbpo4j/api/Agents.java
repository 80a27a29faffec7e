package org.mbpo4j.api;

import org.mbpo4j.agent.Agent;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.mbpo.MbpoAgent;
import org.mbpo4j.mbpo.MbpoOptions;
import org.mbpo4j.model.ModelOptions;
import org.mbpo4j.mpc.MpcAgent;
import org.mbpo4j.mpc.MpcOptions;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;
import org.mbpo4j.sac.SacAgent;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.sac.SacOptions;
import org.mbpo4j.train.Progress;
import org.mbpo4j.train.TrainListener;
import org.mbpo4j.train.TrainLoop;
import org.mbpo4j.train.TrainOptions;

/**
 * The one place agents are built for an env, for {@link Training} and {@link ConfiguredRun}
 * alike: every agent draws from {@code root.child("agent")}, so the same seed gives the same
 * agent whichever way the run was described.
 */
final class Agents {
    private Agents() {
    }

    /** SAC for an env already acting in [-1, 1]^A (wrapped in {@code RescaleAction}). */
    static SacAgent sac(Env<float[]> rescaled, SacOptions options, Kernels k, Rng root) {
        return new SacAgent(rescaled.observationSpace().size(), ((Box) rescaled.actionSpace()).size(), options, k,
                root.child("agent"));
    }

    /** MBPO for the env {@code raw} (its own action bounds; MBPO's SAC acts through {@code RescaleAction}). */
    static MbpoAgent mbpo(Env<float[]> raw, TaskRules rules, SacOptions sac, ModelOptions model, MbpoOptions mbpo,
                          int epochLength, Kernels k, Rng root) {
        return new MbpoAgent(raw.observationSpace().size(), box(raw), rules, sac, model, mbpo, epochLength, k,
                root.child("agent"));
    }

    /** MPC planning in the env's own action bounds, keeping {@code capacity} real transitions. */
    static MpcAgent mpc(Env<float[]> raw, TaskRules rules, ModelOptions model, MpcOptions mpc, int capacity,
                        Kernels k, Rng root) {
        return new MpcAgent(raw.observationSpace().size(), box(raw), rules, model, mpc, capacity, k,
                root.child("agent"));
    }

    /**
     * The training loop of a built agent, seeded as every run is: MBPO and MPC write their model
     * logs into {@code dir} when there is one, and {@code listener} hears the run.
     */
    static <A> TrainLoop<A> loop(Env<A> env, Env<A> evalEnv, Agent<A> agent, TrainOptions options, long seed,
                                 Rng root, RunDirectory dir, Progress progress, TrainListener listener) {
        if (dir != null && agent instanceof MbpoAgent m) {
            m.withDiagnostics(dir.path());
        } else if (dir != null && agent instanceof MpcAgent m) {
            m.withRunDir(dir.path());
        }
        return TrainLoop.seeded(env, evalEnv, agent, options, seed, root, dir, progress).withListener(listener);
    }

    /** The actor network of a SAC or MBPO agent; null for the others (MPC plans, the random agent learns nothing). */
    static SacAgent.ActorSnapshot actor(Agent<?> agent) {
        return agent instanceof SacAgent s ? s.actorSnapshot()
                : agent instanceof MbpoAgent m ? m.actorSnapshot() : null;
    }

    static Box box(Env<float[]> env) {
        if (!(env.actionSpace() instanceof Box b)) {
            throw new IllegalArgumentException(env.id() + " has a discrete action space; SAC, MBPO and MPC need a Box");
        }
        return b;
    }
}
