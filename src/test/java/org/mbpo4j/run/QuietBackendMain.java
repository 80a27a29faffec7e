package org.mbpo4j.run;

/**
 * Test helper run in a child JVM by {@link BackendTest}: initialises ND4J through
 * {@link Backend#describe()} and prints one result line, so that the test can check that
 * nothing else reaches stdout or stderr.
 */
public final class QuietBackendMain {
    private QuietBackendMain() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        BackendInfo info = Backend.describe();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("RESULT " + info.backend() + " " + info.blasVendor() + " " + info.threads() + " "
                + info.device() + " " + ms + "ms");
    }
}
