package org.mbpo4j.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 array in ND4J's off-heap memory, seen two ways: as an ND4J array (for matrix
 * multiplies and the all-ND4J kernels) and as a range of a {@link FloatBuffer} (for the Java
 * element-wise kernels). Blocks are allocated once and reused; views share their parent's memory.
 */
public final class Block {
    private final INDArray nd;
    private final FloatBuffer fb;
    private final long base;
    private final int off;
    private final int len;
    private final int rows;
    private final int cols;
    private FloatPointer pointer;

    private Block(INDArray nd, FloatBuffer fb, long base, int off, int len, long[] shape) {
        this.nd = nd;
        this.fb = fb;
        this.base = base;
        this.off = off;
        this.len = len;
        this.rows = shape.length == 2 ? (int) shape[0] : -1;
        this.cols = shape.length == 2 ? (int) shape[1] : -1;
    }

    /** A new zeroed block of the given (C-order) shape. */
    public static Block allocate(long... shape) {
        INDArray a = Nd4j.create(DataType.FLOAT, shape, 'c');
        return new Block(a, a.data().asNioFloat(), a.data().addressPointer().address(), 0, (int) a.length(), shape);
    }

    /** A view of {@code length(shape)} values starting {@code offset} values into this block. */
    public Block view(int offset, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (offset < 0 || offset + n > len) {
            throw new IndexOutOfBoundsException("view [" + offset + ", " + (offset + n) + ") outside a block of " + len);
        }
        DataBuffer data = nd.data();
        INDArray v = Nd4j.create(data, shape, Nd4j.getStrides(shape, 'c'), nd.offset() + offset, 'c');
        return new Block(v, fb, base, off + offset, (int) n, shape);
    }

    /** The ND4J array (shares memory with this block). */
    public INDArray nd() {
        return nd;
    }

    /** The whole underlying buffer; this block is {@code [offset(), offset() + length())} of it. */
    public FloatBuffer buffer() {
        return fb;
    }

    public int offset() {
        return off;
    }

    /**
     * The native address of this block's first value (host memory; meaningful for the CPU
     * backend only). Used by the Java-loop kernels.
     */
    long address() {
        return base + 4L * off;
    }

    public int length() {
        return len;
    }

    /** Rows of a 2-D block ({@code -1} for other ranks). */
    public int rows() {
        return rows;
    }

    /** Columns of a 2-D block ({@code -1} for other ranks). */
    public int cols() {
        return cols;
    }

    /**
     * This block's first value as a JavaCPP pointer (host memory; CPU backend only), made once:
     * for calling BLAS directly, without ND4J's per-op overhead and garbage.
     */
    FloatPointer pointer() {
        FloatPointer p = pointer;
        if (p == null) {
            p = new At(address());
            pointer = p;
        }
        return p;
    }

    /** A pointer to a given native address, owning nothing (ND4J owns and frees the memory). */
    private static final class At extends FloatPointer {
        At(long address) {
            this.address = address;
        }
    }

    public float get(int i) {
        return fb.get(off + i);
    }

    public void set(int i, float v) {
        fb.put(off + i, v);
    }

    /** Copies this block's values into a new Java array. */
    public float[] toArray() {
        float[] a = new float[len];
        fb.get(off, a, 0, len);
        return a;
    }

    /** Overwrites this block with {@code values} (same length). */
    public void copyFrom(float[] values) {
        if (values.length != len) {
            throw new IllegalArgumentException("expected " + len + " values, got " + values.length);
        }
        fb.put(off, values, 0, len);
    }

    /** Overwrites this block with another's values (same length). */
    public void copyFrom(Block other) {
        if (other.len != len) {
            throw new IllegalArgumentException("expected " + len + " values, got " + other.len);
        }
        for (int i = 0; i < len; i++) {
            fb.put(off + i, other.fb.get(other.off + i));
        }
    }

    public void fill(float v) {
        for (int i = 0; i < len; i++) {
            fb.put(off + i, v);
        }
    }
}
