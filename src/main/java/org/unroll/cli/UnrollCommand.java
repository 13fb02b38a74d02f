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
     * At start (the Launcher's, for the app and the command line alike): keeps the journal of this
     * process's temporary files in the data folder's {@value #WRITING} folder and deletes the
     * temporaries of earlier runs that were killed (ADR 0030). Errors are ignored.
     *
     * @return how many stale temporaries were deleted
     */
    public static int cleanUpTemporaries() {
        try {
            return org.unroll.engine.Temporaries.useJournal(
                    org.unroll.session.CheckpointStore.userDataDir().resolve(WRITING));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The data folder's folder of journals of temporary files in progress. */
    public static final String WRITING = "writing";

    /**
     * Runs the command line and returns the exit code: 0 success, 1 a check that differs or standard
     * output that could not be written (one line on stderr), 2 invalid
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
            // picocli's writers go to the stream as bytes: the message is escaped here (ADR 0032)
            if (ex instanceof UserError) {
                err.println("error: " + Terminal.safe(String.valueOf(ex.getMessage())));
            } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                err.println("error: " + Terminal.safe(String.valueOf(ex.getMessage())));
            } else {
                err.println("error: internal error: " + Terminal.safe(String.valueOf(ex)));
                return 3;
            }
            err.flush();
            return 2;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + Terminal.safe(String.valueOf(ex.getMessage())));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return 2;
        });
        int code;
        // whatever a command prints reaches the terminal with its control characters escaped (ADR 0032)
        java.io.PrintStream out = System.out;
        java.io.PrintStream stderr = System.err;
        System.setOut(new Terminal(out));
        System.setErr(new Terminal(stderr));
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {
            // an error, not an exception: picocli lets it through; the heap it held is free again here
            PrintWriter err = cl.getErr();
            err.println("error: " + Terminal.safe(outOfMemory(java.util.List.of(args))));
            err.flush();
            return 2;
        } finally {
            System.out.flush();
            System.setOut(out);
            System.setErr(stderr);
        }
        System.out.flush();
        if (System.out.checkError()) {
            // a PrintStream swallows write errors (> /dev/full): the results were lost, so not exit 0
            System.err.println("error: cannot write to standard output; the output is incomplete");
            System.err.flush();
            return code == 0 ? 1 : code;
        }
        return code;
    }

    /**
     * The line for a run that ran out of heap: the input files it was given (the arguments that
     * name an existing file or a builtin case) and the heap available, so the user knows which
     * input was too large and can pass a larger {@code -Xmx}.
     */
    static String outOfMemory(java.util.List<String> args) {
        StringBuilder files = new StringBuilder();
        for (String a : args) {
            String f = a.startsWith("csv:") ? a.substring(4) : a;
            if (f.startsWith("builtin:") || (!f.startsWith("-") && isFile(f))) {
                files.append(files.length() == 0 ? "" : ", ").append(f);
            }
        }
        long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
        return (files.length() == 0 ? "the command" : files) + ": out of memory (the heap is " + heapMiB
                + " MiB); give Java more with -Xmx, or use a smaller input";
    }

    private static boolean isFile(String f) {
        try {
            return java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
