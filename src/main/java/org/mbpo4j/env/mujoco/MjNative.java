package org.mbpo4j.env.mujoco;

/**
 * The MuJoCo C functions mbpo4j calls, bound with JNA's direct mapping (a JNI stub per method,
 * about 0.05 µs per call instead of the 0.3 µs of an interface proxy). Pointers to
 * {@code mjModel} and {@code mjData} travel as {@code long} addresses. {@link MujocoLibrary}
 * registers this class against the library it found, once per JVM, after checking its version
 * ({@code mj_version} itself is called through JNA's function lookup, before anything is bound).
 */
final class MjNative {
    private MjNative() {
    }

    static native String mj_versionString();

    /** {@code mjModel* mj_loadXML(const char* filename, const mjVFS* vfs, char* error, int error_sz)}. */
    static native long mj_loadXML(String filename, long vfs, byte[] error, int errorSize);

    static native long mj_makeData(long m);

    static native void mj_resetData(long m, long d);

    static native void mj_forward(long m, long d);

    static native void mj_step(long m, long d);

    static native void mj_rnePostConstraint(long m, long d);

    static native int mj_name2id(long m, int type, String name);

    static native void mj_deleteData(long d);

    static native void mj_deleteModel(long m);
}
