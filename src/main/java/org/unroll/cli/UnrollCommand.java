package org.unroll.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: {@code java -jar unroll.jar <subcommand> …}. */
@Command(name = "unroll", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Watch backpropagation through time happen. With no subcommand the app opens.",
        subcommands = {RunCommand.class, CheckCommand.class, GradcheckCommand.class, TrainCommand.class, BenchCommand.class, ExportCommand.class,
                ImportCommand.class,
                CommandLine.HelpCommand.class})
public final class UnrollCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * Runs the command line and returns the exit code: 0 success, 1 a check that differs, 2 invalid
     * input (a short {@code error: …} line on stderr, no stack trace).
     */
    public static int execute(String... args) {
        return execute(null, args);
    }

    /**
     * Runs the command line with the window benchmark of {@code bench --ui} (null: none, and
     * {@code bench --ui} says to run it from the jar).
     */
    public static int execute(WindowBench window, String... args) {
        CommandLine cl = new CommandLine(new UnrollCommand());
        ((BenchCommand) cl.getSubcommands().get("bench").getCommand()).window = window;
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof UserError) {
                err.println("error: " + ex.getMessage());
            } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                err.println("error: " + ex.getMessage());
            } else {
                err.println("error: internal error: " + ex);
                return 3;
            }
            err.flush();
            return 2;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return 2;
        });
        return cl.execute(args);
    }
}
