package org.mbpo4j.nn;

import java.lang.reflect.Field;

/**
 * Reads and writes float32 values at native addresses, for the Java-loop kernels. Plain
 * {@code FloatBuffer} access costs 3-5 ns per element on JDK 17 (bounds and scope checks on
 * every call); these accesses cost about 0.3 ns. The addresses come from ND4J's own buffers
 * ({@link Block#address()}), and the kernels stay inside each block's length, which the
 * kernel-path and gradient tests exercise.
 */
final class OffHeap {
    private static final sun.misc.Unsafe U = unsafe();
    private static final long FLOAT_BASE = sun.misc.Unsafe.ARRAY_FLOAT_BASE_OFFSET;
    private static final long INT_BASE = sun.misc.Unsafe.ARRAY_INT_BASE_OFFSET;

    private OffHeap() {
    }

    static float get(long address) {
        return U.getFloat(address);
    }

    static void put(long address, float value) {
        U.putFloat(address, value);
    }

    /** Copies {@code n} floats from native memory at {@code address} into {@code dst[off ..]}. */
    static void read(long address, float[] dst, int off, int n) {
        U.copyMemory(null, address, dst, FLOAT_BASE + 4L * off, 4L * n);
    }

    /** Copies {@code src[off .. off + n)} to native memory at {@code address}. */
    static void write(float[] src, int off, long address, int n) {
        U.copyMemory(src, FLOAT_BASE + 4L * off, null, address, 4L * n);
    }

    /** Copies {@code n} floats' raw bits from native memory at {@code address} into {@code dst[0 ..]}. */
    static void readBits(long address, int[] dst, int n) {
        U.copyMemory(null, address, dst, INT_BASE, 4L * n);
    }

    /** Copies {@code src[0 .. n)} as raw float bits to native memory at {@code address}. */
    static void writeBits(int[] src, long address, int n) {
        U.copyMemory(src, INT_BASE, null, address, 4L * n);
    }

    /** Copies {@code n} floats' raw bits from {@code src[0 ..]} into {@code dst[0 ..]}, on the heap. */
    static void bits(float[] src, int[] dst, int n) {
        U.copyMemory(src, FLOAT_BASE, dst, INT_BASE, 4L * n);
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Java-loop kernels need sun.misc.Unsafe (module jdk.unsupported);"
                    + " use --kernels nd4j on this JVM", e);
        }
    }
}
