package org.mbpo4j.sac;

import org.mbpo4j.nn.Activation;
import org.mbpo4j.nn.Adam;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Init;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

/**
 * SAC's twin Q-functions Q1, Q2 (an ensemble of two MLPs on the same input [obs, action]) and
 * their Polyak-averaged targets.
 */
final class TwinCritic {
    final EnsembleMlp q;
    final EnsembleMlp target;
    final Adam adam;
    private final int obsDim;
    private final int actDim;

    TwinCritic(int obsDim, int actDim, int[] hidden, double lr, Rng rng) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = obsDim + actDim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        this.q = new EnsembleMlp(2, sizes, Activation.RELU, Activation.IDENTITY, Init.UNIFORM_FAN_IN, rng);
        this.target = new EnsembleMlp(2, sizes, Activation.RELU, Activation.IDENTITY, Init.UNIFORM_FAN_IN, rng);
        this.target.copyParamsFrom(q);
        this.adam = new Adam(q, lr);
        this.obsDim = obsDim;
        this.actDim = actDim;
    }

    /** Buffers for evaluating a critic on one batch: input rows [obs, action], both members' outputs. */
    final class Pass {
        final Workspace ws;
        final int rows;
        final float[] input;
        final float[] values;   // [2, rows]
        final float[] dValues;  // [2, rows]
        final float[] dInput;   // [2, rows, obs + act]

        Pass(EnsembleMlp net, int rows) {
            this.rows = rows;
            ws = net.workspace(rows, true);
            input = new float[rows * (obsDim + actDim)];
            values = new float[2 * rows];
            dValues = new float[2 * rows];
            dInput = new float[2 * rows * (obsDim + actDim)];
        }

        /** Q1 and Q2 of (obs, action) rows into {@link #values}. */
        void evaluate(EnsembleMlp net, float[] obs, float[] action, Kernels k) {
            int w = obsDim + actDim;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(obs, r * obsDim, input, r * w, obsDim);
                System.arraycopy(action, r * actDim, input, r * w + obsDim, actDim);
            }
            k.write(input, 0, ws.input());
            net.forward(ws, k);
            k.read(ws.output(), values, 0);
        }

        float min(int r) {
            return Math.min(values[r], values[rows + r]);
        }
    }
}
