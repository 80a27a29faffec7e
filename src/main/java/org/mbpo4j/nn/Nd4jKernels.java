package org.mbpo4j.nn;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Kernels} as ND4J ops only (the portable path, and the one that runs on CUDA). Scratch
 * arrays are kept per shape and reused, so steady-state steps allocate no new buffers.
 * Not thread-safe: one instance per thread.
 */
final class Nd4jKernels implements Kernels {
    private final Map<String, INDArray> scratch = new HashMap<>();

    @Override
    public String name() {
        return "nd4j";
    }

    private INDArray scratch(String tag, long... shape) {
        StringBuilder key = new StringBuilder(tag);
        for (long d : shape) {
            key.append(':').append(d);
        }
        return scratch.computeIfAbsent(key.toString(), k -> Nd4j.create(DataType.FLOAT, shape, 'c'));
    }

    @Override
    public void gemm(Block a, boolean transA, Block b, boolean transB, Block c, double beta) {
        Kernels.gemmShape(a, transA, b, transB, c);
        Nd4j.gemm(a.nd(), b.nd(), c.nd(), transA, transB, 1.0, beta);
    }

    @Override
    public void biasActivation(Block z, Block bias, int members, int rows, int cols, Activation act, Block a) {
        INDArray z3 = z.nd().reshape(members, rows, cols);
        INDArray b2 = bias.nd().reshape(members, cols);
        for (int e = 0; e < members; e++) {
            z3.slice(e).addiRowVector(b2.slice(e));
        }
        INDArray zn = z.nd();
        INDArray an = a.nd();
        switch (act) {
            case IDENTITY -> an.assign(zn);
            case RELU -> Nd4j.getExecutioner().exec(new RectifiedLinear(zn, an, 0.0));
            case TANH -> Nd4j.getExecutioner().exec(new Tanh(zn, an));
            case SILU -> Nd4j.getExecutioner().exec(new Swish(zn, an));
            default -> throw new IllegalArgumentException("unsupported activation " + act);
        }
    }

    @Override
    public void activationGrad(Block g, Block z, Block a, Activation act) {
        INDArray gn = g.nd();
        switch (act) {
            case IDENTITY -> {
            }
            case RELU -> {
                INDArray d = scratch("d", gn.shape());
                Nd4j.getExecutioner().exec(new Step(z.nd(), d, 0.0));
                gn.muli(d);
            }
            case TANH -> {
                INDArray d = scratch("d", gn.shape());
                a.nd().mul(a.nd(), d);
                d.rsubi(1.0);
                gn.muli(d);
            }
            case SILU -> {
                INDArray s = scratch("s", gn.shape());
                INDArray d = scratch("d", gn.shape());
                Nd4j.getExecutioner().exec(new Sigmoid(z.nd(), s));
                s.rsub(1.0, d);     // d = 1 - s
                d.muli(z.nd());     // z (1 - s)
                d.addi(1.0);        // 1 + z (1 - s)
                d.muli(s);          // s (1 + z (1 - s))
                gn.muli(d);
            }
            default -> throw new IllegalArgumentException("unsupported activation " + act);
        }
    }

    @Override
    public void columnSums(Block g, int members, int rows, int cols, Block db, boolean accumulate) {
        INDArray g3 = g.nd().reshape(members, rows, cols);
        INDArray d2 = db.nd().reshape(members, cols);
        INDArray sums = scratch("sums", members, cols);
        g3.sum(sums, 1);
        if (accumulate) {
            d2.addi(sums);
        } else {
            d2.assign(sums);
        }
    }

    @Override
    public void axpy(Block y, double alpha, Block x) {
        INDArray t = scratch("axpy", y.length());
        x.nd().reshape(y.length()).mul(alpha, t);
        y.nd().reshape(y.length()).addi(t);
    }

    @Override
    public void adam(Block p, Block g, Block m, Block v, double lr, double beta1, double beta2, double eps, long t) {
        long n = p.length();
        INDArray pn = p.nd().reshape(n);
        INDArray gn = g.nd().reshape(n);
        INDArray mn = m.nd().reshape(n);
        INDArray vn = v.nd().reshape(n);
        INDArray tmp = scratch("adam", n);
        mn.muli(beta1);
        gn.mul(1.0 - beta1, tmp);
        mn.addi(tmp);
        vn.muli(beta2);
        gn.mul(gn, tmp);
        tmp.muli(1.0 - beta2);
        vn.addi(tmp);
        Nd4j.getExecutioner().exec(new Sqrt(vn, tmp));
        tmp.muli(1.0 / Math.sqrt(1.0 - Math.pow(beta2, t))).addi(eps);
        tmp.rdivi(mn);                                    // m / (sqrt(v_hat) + eps)
        tmp.muli(lr / (1.0 - Math.pow(beta1, t)));
        pn.subi(tmp);
    }

    @Override
    public void read(Block src, float[] dst, int dstOff) {
        float[] v = src.nd().reshape(src.length()).toFloatVector();
        System.arraycopy(v, 0, dst, dstOff, v.length);
    }

    @Override
    public void write(float[] src, int srcOff, Block dst) {
        INDArray host = Nd4j.createFromArray(java.util.Arrays.copyOfRange(src, srcOff, srcOff + dst.length()));
        dst.nd().assign(host.reshape(dst.nd().shape()));
    }

    @Override
    public void polyak(Block target, Block source, double tau) {
        long n = target.length();
        INDArray tmp = scratch("polyak", n);
        source.nd().reshape(n).mul(tau, tmp);
        target.nd().reshape(n).muli(1.0 - tau).addi(tmp);
    }
}
