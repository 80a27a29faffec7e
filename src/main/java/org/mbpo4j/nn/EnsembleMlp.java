package org.mbpo4j.nn;

import java.util.Arrays;
import org.mbpo4j.random.Rng;

/**
 * A batch of {@code members} independent multi-layer perceptrons of the same shape, trained
 * together: MBPO's dynamics ensemble (7 members), SAC's twin critics (2) or a single network
 * (1). Layer {@code l}'s weights are stored as {@code [members, in, out]} and its biases as
 * {@code [members, out]}; all parameters live in one flat buffer ({@link #params()}), all
 * gradients in another of the same layout ({@link #grads()}), so optimisers and target-network
 * averaging work on whole networks at once.
 *
 * <p>{@link #forward} and {@link #backward} run on a {@link Workspace} allocated once per
 * batch size; nothing is allocated per step. Matrix multiplies and element-wise steps go
 * through a {@link Kernels} implementation. With kernels of several lanes (the CPU's cores,
 * {@link Lanes}), each member's whole forward pass runs on one lane, members shared out over
 * the lanes; backward passes do the same where the members divide evenly among the lanes, and
 * otherwise (one actor, seven dynamics members) share out each layer's products. A member's
 * arithmetic is the same on any path, so results do not depend on the number of cores.
 */
public final class EnsembleMlp {
    private final int members;
    private final int[] sizes;
    private final Activation hidden;
    private final Activation output;
    private final Block params;
    private final Block grads;
    /** Per layer (0-based) and member: 2-D views {@code [in, out]} and {@code [1, out]}. */
    private final Block[][] w;
    private final Block[][] gw;
    private final Block[][] gb;
    private final Block[][] b;
    /** Per layer: all members' weights {@code [members, in, out]} and biases {@code [members, out]}. */
    private final Block[] wAll;
    private final Block[] bAll;
    private final Block[] gwAll;
    private final Block[] gbAll;

    /**
     * @param sizes  layer widths, input first and output last, e.g. {@code {14, 200, 200, 24}}
     * @param hidden activation after every hidden layer
     * @param output activation after the last layer
     */
    public EnsembleMlp(int members, int[] sizes, Activation hidden, Activation output, Init init, Rng rng) {
        if (members < 1) {
            throw new IllegalArgumentException("an ensemble needs >= 1 member, got " + members);
        }
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs an input and an output size, got " + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be >= 1, got " + Arrays.toString(sizes));
            }
        }
        this.members = members;
        this.sizes = sizes.clone();
        this.hidden = hidden;
        this.output = output;
        int layers = sizes.length - 1;
        long total = 0;
        for (int l = 0; l < layers; l++) {
            total += (long) members * (sizes[l] + 1) * sizes[l + 1];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many parameters: " + total);
        }
        params = Block.allocate(total);
        grads = Block.allocate(total);
        w = new Block[layers][members];
        gw = new Block[layers][members];
        gb = new Block[layers][members];
        b = new Block[layers][members];
        wAll = new Block[layers];
        bAll = new Block[layers];
        gwAll = new Block[layers];
        gbAll = new Block[layers];
        int off = 0;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            wAll[l] = params.view(off, members, in, out);
            gwAll[l] = grads.view(off, members, in, out);
            for (int e = 0; e < members; e++) {
                w[l][e] = params.view(off + e * in * out, in, out);
                gw[l][e] = grads.view(off + e * in * out, in, out);
            }
            off += members * in * out;
            bAll[l] = params.view(off, members, out);
            gbAll[l] = grads.view(off, members, out);
            for (int e = 0; e < members; e++) {
                b[l][e] = params.view(off + e * out, 1, out);
                gb[l][e] = grads.view(off + e * out, 1, out);
            }
            off += members * out;
        }
        initialise(init, rng);
    }

    private void initialise(Init init, Rng rng) {
        for (int l = 0; l < layers(); l++) {
            int in = sizes[l];
            Block wl = wAll[l];
            for (int i = 0; i < wl.length(); i++) {
                wl.set(i, init.weight(in, rng));
            }
            Block bl = bAll[l];
            for (int i = 0; i < bl.length(); i++) {
                bl.set(i, init.bias(in, rng));
            }
        }
    }

    public int members() {
        return members;
    }

    public int layers() {
        return sizes.length - 1;
    }

    /** Layer widths, input first. */
    public int[] sizes() {
        return sizes.clone();
    }

    public int inDim() {
        return sizes[0];
    }

    public int outDim() {
        return sizes[sizes.length - 1];
    }

    public Activation hidden() {
        return hidden;
    }

    public Activation output() {
        return output;
    }

    /** All parameters, flat (layer by layer: weights {@code [members, in, out]}, then biases). */
    public Block params() {
        return params;
    }

    /** The gradients, in the layout of {@link #params()}. */
    public Block grads() {
        return grads;
    }

    /** Layer {@code l}'s weights, all members, {@code [members, in, out]}. */
    public Block weights(int l) {
        return wAll[l];
    }

    /** The gradient of {@link #weights(int)}. */
    public Block weightGrads(int l) {
        return gwAll[l];
    }

    /** Layer {@code l}'s biases, all members, {@code [members, out]}. */
    public Block biases(int l) {
        return bAll[l];
    }

    /** Buffers for batches of {@code batch} rows; with {@code sharedInput} every member reads the same input rows. */
    public Workspace workspace(int batch, boolean sharedInput) {
        return new Workspace(this, batch, sharedInput);
    }

    /**
     * Buffers for running one member at a time on {@code batch} rows ({@link #forwardMember}):
     * a seventh of the memory of a full workspace, for inference where each row needs one
     * member only (model rollouts). Not usable with {@link #forward} or {@link #backward}.
     */
    public Workspace memberWorkspace(int batch) {
        return new Workspace(this, 1, batch, true);
    }

    /** Computes every layer for the input in {@code ws.input()}; the result is {@code ws.output()}. */
    public void forward(Workspace ws, Kernels k) {
        ws.check(this);
        requireFullWorkspace(ws);
        int rows = ws.batch();
        if (memberParallel(k)) {
            Lanes.forEachPiece(members, k.lanes(), (lane, e) -> forwardOne(ws, e, k));
            return;
        }
        for (int l = 0; l < layers(); l++) {
            for (int e = 0; e < members; e++) {
                k.gemm(ws.layerInput(l, e), false, w[l][e], false, ws.z(l, e), 0.0);
            }
            k.biasActivation(ws.z(l), bAll[l], members, rows, sizes[l + 1], activation(l), ws.a(l));
        }
    }

    /** Whether passes run member by member on the kernels' lanes. */
    private boolean memberParallel(Kernels k) {
        return members > 1 && k.lanes() > 1;
    }

    /** Member {@code e}'s forward pass through every layer, in a full workspace. */
    private void forwardOne(Workspace ws, int e, Kernels k) {
        int rows = ws.batch();
        for (int l = 0; l < layers(); l++) {
            k.gemm(ws.layerInput(l, e), false, w[l][e], false, ws.z(l, e), 0.0);
            k.biasActivation(ws.z(l, e), b[l][e], 1, rows, sizes[l + 1], activation(l), ws.a(l, e));
        }
    }

    /**
     * Computes member {@code e} alone on the input in {@code ws.input()}, a workspace from
     * {@link #memberWorkspace}; the result is {@code ws.output()} ({@code [rows, out]}).
     */
    public void forwardMember(Workspace ws, int e, Kernels k) {
        ws.check(this);
        if (ws.members() != 1) {
            throw new IllegalArgumentException("forwardMember needs a memberWorkspace, got one for " + ws.members()
                    + " members");
        }
        if (e < 0 || e >= members) {
            throw new IndexOutOfBoundsException("member " + e + " of " + members);
        }
        int rows = ws.batch();
        for (int l = 0; l < layers(); l++) {
            k.gemm(ws.layerInput(l, 0), false, w[l][e], false, ws.z(l, 0), 0.0);
            k.biasActivationInference(ws.z(l), b[l][e], 1, rows, sizes[l + 1], activation(l), ws.a(l));
        }
    }

    private void requireFullWorkspace(Workspace ws) {
        if (ws.members() != members) {
            throw new IllegalArgumentException("this workspace holds " + ws.members() + " member(s), the network "
                    + members + ": use workspace(batch, shared) for whole-ensemble passes");
        }
    }

    /** Copies member {@code e}'s parameters (every layer's weights and biases) into {@code dst} ({@link #memberParamCount()} values). */
    public void copyMember(int e, float[] dst) {
        memberParams(e, dst, true);
    }

    /** Overwrites member {@code e}'s parameters with {@code src}, as {@link #copyMember} wrote them. */
    public void restoreMember(int e, float[] src) {
        memberParams(e, src, false);
    }

    /** Parameters of one member. */
    public int memberParamCount() {
        return params.length() / members;
    }

    private void memberParams(int e, float[] a, boolean out) {
        if (e < 0 || e >= members) {
            throw new IndexOutOfBoundsException("member " + e + " of " + members);
        }
        if (a.length != memberParamCount()) {
            throw new IllegalArgumentException("expected " + memberParamCount() + " values, got " + a.length);
        }
        // Through ND4J operations, not the host buffer: on a GPU the parameters live in device
        // memory, and ND4J moves them between host and device only for its own operations.
        int pos = 0;
        for (int l = 0; l < layers(); l++) {
            for (Block blk : new Block[] {w[l][e], b[l][e]}) {
                int n = blk.length();
                org.nd4j.linalg.api.ndarray.INDArray nd = blk.nd();
                if (out) {
                    float[] v = nd.dup('c').data().asFloat();
                    System.arraycopy(v, 0, a, pos, n);
                } else {
                    float[] v = java.util.Arrays.copyOfRange(a, pos, pos + n);
                    nd.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(v).reshape('c', nd.shape()));
                }
                pos += n;
            }
        }
    }

    /**
     * Back-propagates {@code ws.outputGrad()} (dLoss/dOutput, written by the caller after
     * {@link #forward}) into {@link #grads()} (overwritten, or added to when
     * {@code accumulate}), and into {@code ws.inputGrad()} when {@code inputGrad}. The output
     * gradient buffers are used as scratch.
     */
    public void backward(Workspace ws, Kernels k, boolean accumulate, boolean inputGrad) {
        backward(ws, k, accumulate, inputGrad, true);
    }

    /**
     * Back-propagates {@code ws.outputGrad()} into {@code ws.inputGrad()} only, leaving
     * {@link #grads()} untouched: the gradient of a loss through a network that is not being
     * trained by it (SAC's actor loss through the critics).
     */
    public void backwardToInput(Workspace ws, Kernels k) {
        backward(ws, k, false, true, false);
    }

    private void backward(Workspace ws, Kernels k, boolean accumulate, boolean inputGrad, boolean paramGrads) {
        ws.check(this);
        requireFullWorkspace(ws);
        int rows = ws.batch();
        double beta = accumulate ? 1.0 : 0.0;
        if (k.lanes() > 1 && members % Math.min(k.lanes(), Lanes.count()) == 0) {
            Lanes.forEachPiece(members, k.lanes(),
                    (lane, e) -> backwardOne(ws, e, k, accumulate, inputGrad, paramGrads));
            return;
        }
        if (k.lanes() > 1) {
            backwardByLayer(ws, k, accumulate, inputGrad, paramGrads);
            return;
        }
        for (int l = layers() - 1; l >= 0; l--) {
            k.activationGrad(ws.grad(l), ws.z(l), ws.a(l), activation(l));
            if (paramGrads) {
                for (int e = 0; e < members; e++) {
                    k.gemm(ws.layerInput(l, e), true, ws.grad(l, e), false, gw[l][e], beta);
                }
                k.columnSums(ws.grad(l), members, rows, sizes[l + 1], gbAll[l], accumulate);
            }
            if (l > 0 || inputGrad) {
                for (int e = 0; e < members; e++) {
                    Block into = l > 0 ? ws.grad(l - 1, e) : ws.inputGrad(e);
                    k.gemm(ws.grad(l, e), false, w[l][e], true, into, 0.0);
                }
            }
        }
    }

    /** Member {@code e}'s backward pass, as {@link #backward(Workspace, Kernels, boolean, boolean, boolean)} takes it for all. */
    private void backwardOne(Workspace ws, int e, Kernels k, boolean accumulate, boolean inputGrad,
                             boolean paramGrads) {
        int rows = ws.batch();
        double beta = accumulate ? 1.0 : 0.0;
        for (int l = layers() - 1; l >= 0; l--) {
            Block g = ws.grad(l, e);
            k.activationGrad(g, ws.z(l, e), ws.a(l, e), activation(l));
            if (paramGrads) {
                k.gemm(ws.layerInput(l, e), true, g, false, gw[l][e], beta);
                k.columnSums(g, 1, rows, sizes[l + 1], gb[l][e], accumulate);
            }
            if (l > 0 || inputGrad) {
                k.gemm(g, false, w[l][e], true, l > 0 ? ws.grad(l - 1, e) : ws.inputGrad(e), 0.0);
            }
        }
    }

    /**
     * The backward pass layer by layer, each layer's products shared out over the lanes as
     * separate pieces, a member's weight gradient (with its bias sums) apart from its input
     * gradient (with the activation gradient of the layer below): the lanes stay balanced when
     * the members do not divide among them (one actor, seven dynamics members), at one hand-off
     * per layer. Each member's arithmetic is that of {@link #backwardOne}.
     */
    private void backwardByLayer(Workspace ws, Kernels k, boolean accumulate, boolean inputGrad, boolean paramGrads) {
        int rows = ws.batch();
        double beta = accumulate ? 1.0 : 0.0;
        int top = layers() - 1;
        for (int e = 0; e < members; e++) {
            k.activationGrad(ws.grad(top, e), ws.z(top, e), ws.a(top, e), activation(top));
        }
        for (int l = top; l >= 0; l--) {
            int layer = l;
            boolean dx = l > 0 || inputGrad;
            int kinds = (paramGrads ? 1 : 0) + (dx ? 1 : 0);
            if (kinds == 0) {
                continue;
            }
            Lanes.forEachPiece(members * kinds, k.lanes(), (lane, piece) -> {
                int e = piece / kinds;
                Block g = ws.grad(layer, e);
                if (paramGrads && piece % kinds == 0) {
                    k.gemm(ws.layerInput(layer, e), true, g, false, gw[layer][e], beta);
                    k.columnSums(g, 1, rows, sizes[layer + 1], gb[layer][e], accumulate);
                } else if (layer > 0) {
                    Block below = ws.grad(layer - 1, e);
                    k.gemm(g, false, w[layer][e], true, below, 0.0);
                    k.activationGrad(below, ws.z(layer - 1, e), ws.a(layer - 1, e), activation(layer - 1));
                } else {
                    k.gemm(g, false, w[layer][e], true, ws.inputGrad(e), 0.0);
                }
            });
        }
    }

    private Activation activation(int l) {
        return l == layers() - 1 ? output : hidden;
    }

    /** Copies all parameters from a network of the same shape (e.g. into a target network). */
    public void copyParamsFrom(EnsembleMlp other) {
        requireSameShape(other);
        params.copyFrom(other.params);
    }

    /** Throws if {@code other} differs in members, sizes or activations. */
    public void requireSameShape(EnsembleMlp other) {
        if (other.members != members || !Arrays.equals(other.sizes, sizes) || other.hidden != hidden
                || other.output != output) {
            throw new IllegalArgumentException("network shapes differ: " + this + " vs " + other);
        }
    }

    @Override
    public String toString() {
        return "EnsembleMlp(members=" + members + ", sizes=" + Arrays.toString(sizes) + ", hidden=" + hidden
                + ", output=" + output + ")";
    }
}
