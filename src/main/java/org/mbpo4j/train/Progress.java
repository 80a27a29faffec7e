package org.mbpo4j.train;

import java.io.PrintStream;

/**
 * How a run shows its progress: a progress bar (steps, last evaluation, steps/s, ETA) on an
 * interactive terminal, plain periodic log lines otherwise (CI, pipes, files), or nothing.
 */
public interface Progress extends AutoCloseable {

    /** The run has reached {@code step}; {@code extra} is a short status such as the last eval. */
    void update(long step, String extra);

    /** A periodic log line (shown only where there is no bar). */
    void log(String line);

    @Override
    void close();

    /** The right kind for this process: a bar when stdout is a terminal, lines otherwise. */
    static Progress auto(String task, long total, boolean quiet, PrintStream out) {
        if (quiet) {
            return none();
        }
        if (interactive()) {
            try {
                return bar(task, total);
            } catch (NoClassDefFoundError e) {
                // The progress-bar library is an optional dependency: an application may leave it out.
                return lines(out);
            }
        }
        return lines(out);
    }

    /**
     * Whether this process talks to a terminal. {@code System.console()} is null on JDK 17-21
     * unless stdin and stdout are terminals; on JDK 22+ it exists even when they are redirected,
     * and {@code Console.isTerminal()} tells.
     */
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK < 22: a console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Shows nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void update(long step, String extra) {
            }

            @Override
            public void log(String line) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Plain log lines. */
    static Progress lines(PrintStream out) {
        return new Progress() {
            @Override
            public void update(long step, String extra) {
            }

            @Override
            public void log(String line) {
                out.println(line);
                out.flush();
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * A terminal progress bar (on stderr), drawn by the optional {@code me.tongfei:progressbar}
     * library.
     *
     * @throws NoClassDefFoundError if that library is not on the class path
     */
    static Progress bar(String task, long total) {
        return new TerminalBar(task, total);
    }
}
