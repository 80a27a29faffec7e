package org.mbpo4j.nn;

/**
 * The activation and gradient buffers of one {@link EnsembleMlp} for one batch size, allocated
 * once and reused for every step. Layout per layer: {@code [members, batch, width]}.
 *
 * <p>The caller writes inputs into {@link #input()} (shape {@code [members, batch, in]}, or
 * {@code [batch, in]} when the input is shared by all members), reads {@link #output()} after
 * a forward pass, and writes dLoss/dOutput into {@link #outputGrad()} before a backward pass.
 */
public final class Workspace {
    private final EnsembleMlp net;
    private final int members;
    private final int batch;
    private final boolean sharedInput;
    private final Block input;
    private final Block inputGrad;
    private final Block[] z;
    private final Block[] a;
    private final Block[] g;
    private final Block[] inputView;
    private final Block[] inputGradView;
    private final Block[][] zView;
    private final Block[][] aView;
    private final Block[][] gView;

    Workspace(EnsembleMlp net, int batch, boolean sharedInput) {
        this(net, net.members(), batch, sharedInput);
    }

    Workspace(EnsembleMlp net, int members, int batch, boolean sharedInput) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        }
        this.net = net;
        this.members = members;
        this.batch = batch;
        this.sharedInput = sharedInput;
        int[] sizes = net.sizes();
        int in = sizes[0];
        input = sharedInput ? Block.allocate(batch, in) : Block.allocate(members, batch, in);
        inputGrad = Block.allocate(members, batch, in);
        inputView = new Block[members];
        inputGradView = new Block[members];
        for (int e = 0; e < members; e++) {
            inputView[e] = sharedInput ? input.view(0, batch, in) : input.view(e * batch * in, batch, in);
            inputGradView[e] = inputGrad.view(e * batch * in, batch, in);
        }
        int layers = sizes.length - 1;
        z = new Block[layers];
        a = new Block[layers];
        g = new Block[layers];
        zView = new Block[layers][members];
        aView = new Block[layers][members];
        gView = new Block[layers][members];
        for (int l = 0; l < layers; l++) {
            int out = sizes[l + 1];
            z[l] = Block.allocate(members, batch, out);
            a[l] = Block.allocate(members, batch, out);
            g[l] = Block.allocate(members, batch, out);
            for (int e = 0; e < members; e++) {
                zView[l][e] = z[l].view(e * batch * out, batch, out);
                aView[l][e] = a[l].view(e * batch * out, batch, out);
                gView[l][e] = g[l].view(e * batch * out, batch, out);
            }
        }
    }

    void check(EnsembleMlp other) {
        if (other != net) {
            other.requireSameShape(net);
        }
    }

    /** Members this workspace holds rows for: the network's, or 1 for a member workspace. */
    public int members() {
        return members;
    }

    public int batch() {
        return batch;
    }

    public boolean sharedInput() {
        return sharedInput;
    }

    /** Inputs: {@code [members, batch, in]}, or {@code [batch, in]} when shared. */
    public Block input() {
        return input;
    }

    /** Member {@code e}'s input rows {@code [batch, in]}. */
    public Block input(int e) {
        return inputView[e];
    }

    /** dLoss/dInput per member {@code [members, batch, in]} (filled by a backward pass that asks for it). */
    public Block inputGrad() {
        return inputGrad;
    }

    public Block inputGrad(int e) {
        return inputGradView[e];
    }

    /** The network's outputs {@code [members, batch, out]}. */
    public Block output() {
        return a[a.length - 1];
    }

    /** Member {@code e}'s outputs {@code [batch, out]}. */
    public Block output(int e) {
        return aView[a.length - 1][e];
    }

    /** Where the caller writes dLoss/dOutput {@code [members, batch, out]} before a backward pass. */
    public Block outputGrad() {
        return g[g.length - 1];
    }

    public Block outputGrad(int e) {
        return gView[g.length - 1][e];
    }

    Block layerInput(int l, int e) {
        return l == 0 ? inputView[e] : aView[l - 1][e];
    }

    Block z(int l) {
        return z[l];
    }

    Block z(int l, int e) {
        return zView[l][e];
    }

    Block a(int l) {
        return a[l];
    }

    Block a(int l, int e) {
        return aView[l][e];
    }

    Block grad(int l) {
        return g[l];
    }

    Block grad(int l, int e) {
        return gView[l][e];
    }
}
