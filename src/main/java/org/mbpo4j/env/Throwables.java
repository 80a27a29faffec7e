package org.mbpo4j.env;

/**
 * How {@link EnvChecker} treats what an env throws: fatal VM errors escape, everything else is
 * described in a report line.
 */
final class Throwables {

    private Throwables() {
    }

    /** The exception's simple class name and its message, if any. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /**
     * Rethrows fatal VM errors (such as {@link OutOfMemoryError}, but not a
     * {@link StackOverflowError}); keeps the interrupt flag of an {@link InterruptedException}.
     */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code call} and returns what it threw, or null when it returned normally. */
    static Throwable thrownBy(Runnable call) {
        try {
            call.run();
            return null;
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return t;
        }
    }

    /** Closes {@code e} (when not null), ignoring all but fatal errors. */
    static void closeQuietly(Env<?> e) {
        if (e == null) {
            return;
        }
        try {
            e.close();
        } catch (Throwable t) {
            rethrowIfFatal(t);
        }
    }
}
