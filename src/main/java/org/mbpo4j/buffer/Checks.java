package org.mbpo4j.buffer;

/** Argument checks with messages that name the offending column, index and value. */
final class Checks {
    /** Largest array length the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Checks() {
    }

    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    static void fitsArray(String what, int rows, int width) {
        if ((long) rows * width > MAX_ARRAY) {
            throw new IllegalArgumentException(what + " = " + rows + " * " + width
                    + " exceeds the largest Java array (" + MAX_ARRAY + ")");
        }
    }

    /** One row: exactly {@code expected} values. */
    static void length(String column, float[] values, int expected, String dimName) {
        if (values == null) {
            throw new NullPointerException(column + " is null");
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(column + " has length " + values.length + ", expected "
                    + dimName + " = " + expected);
        }
    }

    /** A bulk column: at least {@code rows * width} values. */
    static void atLeast(String column, int actualLength, int rows, int width) {
        long need = (long) rows * width;
        if (actualLength < need) {
            throw new IllegalArgumentException(column + " has length " + actualLength + ", too short for " + rows
                    + " rows" + (width == 1 ? "" : " of width " + width) + " (needs " + need + ")");
        }
    }

    /** Every value of one row is finite. */
    static void finite(String column, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("non-finite value in " + column + "[" + i + "]: " + values[i]);
            }
        }
    }

    /** The first {@code rows * width} values of a row-major column are finite. */
    static void finite(String column, float[] values, int rows, int width) {
        int n = rows * width;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(values[i])) {
                String where = width == 1 ? "[" + i + "]"
                        : "[" + i + "] (row " + i / width + ", element " + i % width + ")";
                throw new IllegalArgumentException("non-finite value in " + column + where + ": " + values[i]);
            }
        }
    }

    /** A reward that is finite both as given and once stored as a float. */
    static void finiteReward(double reward) {
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("non-finite value in reward: " + reward);
        }
        if (!Float.isFinite((float) reward)) {
            throw new IllegalArgumentException("reward " + reward + " overflows the float column");
        }
    }
}
