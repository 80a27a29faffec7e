package org.mbpo4j.bench;

/** One timed call of a benchmark workload, built once and called many times. */
public interface Workload {

    /** The workload's name on the command line, e.g. {@code model-train}. */
    String name();

    /** Does the work once. */
    void run();
}
