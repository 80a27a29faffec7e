package org.mbpo4j.nn;

/**
 * Adam over all parameters of one network, as PyTorch implements it (bias-corrected moments,
 * epsilon added to the corrected square root). Its moments have the layout of the network's
 * parameters.
 */
public final class Adam {
    private final EnsembleMlp net;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Block m;
    private final Block v;
    private long t;

    public Adam(EnsembleMlp net, double lr) {
        this(net, lr, 0.9, 0.999, 1e-8);
    }

    public Adam(EnsembleMlp net, double lr, double beta1, double beta2, double eps) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("bad Adam settings: lr=" + lr + ", betas=(" + beta1 + ", " + beta2
                    + "), eps=" + eps);
        }
        this.net = net;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = Block.allocate(net.params().length());
        this.v = Block.allocate(net.params().length());
    }

    /** Applies the network's current gradients. */
    public void step(Kernels k) {
        t++;
        k.adam(net.params(), net.grads(), m, v, lr, beta1, beta2, eps, t);
    }

    /** The network whose parameters this optimiser updates. */
    public EnsembleMlp network() {
        return net;
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    /** First moments (for checkpoints). */
    public Block firstMoments() {
        return m;
    }

    /** Second moments (for checkpoints). */
    public Block secondMoments() {
        return v;
    }

    /** Restores the step count (for checkpoints). */
    public void setSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        t = steps;
    }
}
