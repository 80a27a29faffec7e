package org.mbpo4j.nn;

import java.nio.FloatBuffer;

/** {@link Kernels} as plain Java loops over the off-heap buffers: no ND4J op, no allocation. */
final class CpuKernels implements Kernels {
    static final CpuKernels INSTANCE = new CpuKernels();

    private CpuKernels() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void biasActivation(Block z, Block bias, int members, int rows, int cols, Activation act, Block a) {
        FloatBuffer zf = z.buffer();
        FloatBuffer af = a.buffer();
        FloatBuffer bf = bias.buffer();
        int zo = z.offset();
        int ao = a.offset();
        for (int e = 0; e < members; e++) {
            int bo = bias.offset() + e * cols;
            for (int r = 0; r < rows; r++) {
                int row = (e * rows + r) * cols;
                for (int c = 0; c < cols; c++) {
                    float v = zf.get(zo + row + c) + bf.get(bo + c);
                    zf.put(zo + row + c, v);
                    af.put(ao + row + c, apply(act, v));
                }
            }
        }
    }

    private static float apply(Activation act, float v) {
        switch (act) {
            case RELU:
                return v > 0 ? v : 0f;
            case IDENTITY:
                return v;
            default:
                return act.apply(v);
        }
    }

    @Override
    public void activationGrad(Block g, Block z, Block a, Activation act) {
        if (act == Activation.IDENTITY) {
            return;
        }
        FloatBuffer gf = g.buffer();
        FloatBuffer zf = z.buffer();
        FloatBuffer af = a.buffer();
        int go = g.offset();
        int zo = z.offset();
        int ao = a.offset();
        int n = g.length();
        if (act == Activation.RELU) {
            for (int i = 0; i < n; i++) {
                if (zf.get(zo + i) <= 0) {
                    gf.put(go + i, 0f);
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            gf.put(go + i, gf.get(go + i) * act.derivative(zf.get(zo + i), af.get(ao + i)));
        }
    }

    @Override
    public void columnSums(Block g, int members, int rows, int cols, Block db, boolean accumulate) {
        FloatBuffer gf = g.buffer();
        FloatBuffer df = db.buffer();
        for (int e = 0; e < members; e++) {
            int dOff = db.offset() + e * cols;
            if (!accumulate) {
                for (int c = 0; c < cols; c++) {
                    df.put(dOff + c, 0f);
                }
            }
            for (int r = 0; r < rows; r++) {
                int row = g.offset() + (e * rows + r) * cols;
                for (int c = 0; c < cols; c++) {
                    df.put(dOff + c, df.get(dOff + c) + gf.get(row + c));
                }
            }
        }
    }

    @Override
    public void axpy(Block y, double alpha, Block x) {
        FloatBuffer yf = y.buffer();
        FloatBuffer xf = x.buffer();
        int yo = y.offset();
        int xo = x.offset();
        float al = (float) alpha;
        for (int i = 0, n = y.length(); i < n; i++) {
            yf.put(yo + i, yf.get(yo + i) + al * xf.get(xo + i));
        }
    }

    @Override
    public void adam(Block p, Block g, Block m, Block v, double lr, double beta1, double beta2, double eps, long t) {
        FloatBuffer pf = p.buffer();
        FloatBuffer gf = g.buffer();
        FloatBuffer mf = m.buffer();
        FloatBuffer vf = v.buffer();
        int po = p.offset();
        int go = g.offset();
        int mo = m.offset();
        int vo = v.offset();
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        float stepSize = (float) (lr / (1.0 - Math.pow(beta1, t)));
        float invSqrtBc2 = (float) (1.0 / Math.sqrt(1.0 - Math.pow(beta2, t)));
        float e = (float) eps;
        for (int i = 0, n = p.length(); i < n; i++) {
            float gi = gf.get(go + i);
            float mi = b1 * mf.get(mo + i) + c1 * gi;
            float vi = b2 * vf.get(vo + i) + c2 * gi * gi;
            mf.put(mo + i, mi);
            vf.put(vo + i, vi);
            pf.put(po + i, pf.get(po + i) - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + e));
        }
    }

    @Override
    public void read(Block src, float[] dst, int dstOff) {
        src.buffer().get(src.offset(), dst, dstOff, src.length());
    }

    @Override
    public void write(float[] src, int srcOff, Block dst) {
        dst.buffer().put(dst.offset(), src, srcOff, dst.length());
    }

    @Override
    public void polyak(Block target, Block source, double tau) {
        FloatBuffer tf = target.buffer();
        FloatBuffer sf = source.buffer();
        int to = target.offset();
        int so = source.offset();
        float t = (float) tau;
        float keep = 1f - t;
        for (int i = 0, n = target.length(); i < n; i++) {
            tf.put(to + i, keep * tf.get(to + i) + t * sf.get(so + i));
        }
    }
}
