package org.mbpo4j.env.mujoco;

/** {@link MujocoTests#assumeLibrary()} for tests in other packages. */
public final class MujocoTestAccess {
    private MujocoTestAccess() {
    }

    public static void assumeLibrary() {
        MujocoTests.assumeLibrary();
    }
}
