package org.mbpo4j.cli;

import java.io.PrintWriter;
import org.mbpo4j.env.EnvUnavailableException;
import org.mbpo4j.env.UnknownEnvException;
import org.mbpo4j.model.ModelTrainingException;
import org.mbpo4j.run.BackendUnavailableException;
import org.mbpo4j.run.Manifest;
import org.mbpo4j.run.RunDirectoryExistsException;
import org.mbpo4j.run.RunLock;
import org.mbpo4j.run.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mbpo} command line. Exit codes: 0 success, 2 usage or configuration error
 * (message on stderr, no stack trace), 1 runtime failure.
 */
@Command(name = "mbpo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Model-based reinforcement learning (MBPO) on ND4J, with Gymnasium-faithful environments.",
        subcommands = {TrainCommand.class, EvalCommand.class, EnvsCommand.class, CheckEnvCommand.class,
            BenchCommand.class, FitModelCommand.class, CompareCommand.class, SweepCommand.class,
            TabularCommand.class, LqrCommand.class, RenderCommand.class, ExportCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit status for usage and configuration errors. */
    public static final int USAGE = 2;
    /** Exit status for failures while running. */
    public static final int FAILURE = 1;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String name = commandLine.getCommandName();
            if (isUserError(ex)) {
                err.println("mbpo " + name + ": " + ex.getMessage());
                err.flush();
                return USAGE;
            }
            if (ex instanceof BackendUnavailableException || ex instanceof ModelTrainingException
                    || ioProblem(ex) != null) {
                String msg = ex instanceof BackendUnavailableException || ex instanceof ModelTrainingException
                        ? ex.getMessage() : ioProblem(ex);
                err.println("mbpo " + name + ": " + msg);
                err.flush();
                return FAILURE;
            }
            err.println("mbpo " + name + ": failed: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return FAILURE;
        });
        return cmd.execute(args);
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof UserError || ex instanceof ConfigException || ex instanceof UnknownEnvException
                || ex instanceof RunDirectoryExistsException || ex instanceof EnvUnavailableException
                || ex instanceof RunLock.RunDirectoryBusyException;
    }

    /** The message of an I/O failure (a file that cannot be read or written), else null. */
    static String ioProblem(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException io) {
                String m = ex.getMessage() == null ? io.toString() : ex.getMessage();
                return t == ex ? io.getClass().getSimpleName() + ": " + io.getMessage() : m;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest ("dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mbpo4j " + Manifest.version()};
        }
    }
}
