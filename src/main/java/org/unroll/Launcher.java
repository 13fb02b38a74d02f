package org.unroll;

import org.unroll.cli.UnrollCommand;

/**
 * The jar's entry point. A plain class (not a JavaFX {@code Application}) so that the shaded jar
 * runs with {@code java -jar}. With a subcommand it runs headless; with none it opens the app.
 */
public final class Launcher {

    private Launcher() {
    }

    /** {@code bench --ui}: the ui layer's window benchmark (opened by reflection, as the app is). */
    private static int windowBench(java.nio.file.Path caseFile, int events, String window) throws Exception {
        Class<?> bench;
        try {
            bench = Class.forName("org.unroll.ui.bench.UiBench");
        } catch (ClassNotFoundException e) {
            System.err.println("error: the desktop app is not part of this build");
            return 2;
        }
        try {
            return (Integer) bench.getMethod("run", java.nio.file.Path.class, int.class, String.class)
                    .invoke(null, caseFile, events, window);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable c = e.getCause();
            System.err.println("error: the window benchmark failed: " + c);
            return c instanceof UnsupportedOperationException || c instanceof IllegalStateException ? 2 : 3;
        }
    }

    /**
     * Whether the arguments open the app rather than run a subcommand: none, a file to open (what a
     * desktop's file association passes: {@code unroll FILE.json}), or only the app's named options
     * ({@code --lang=ja}, {@code --open=…}) other than {@code --help} and {@code --version}.
     */
    static boolean opensApp(String[] args) {
        if (args.length == 0) {
            return true;
        }
        String a = args[0];
        if (java.util.Set.of("run", "check", "gradcheck", "train", "bench", "export", "import", "help").contains(a)) {
            return false;
        }
        if (!a.startsWith("-")) {
            return java.nio.file.Files.isRegularFile(java.nio.file.Path.of(a));
        }
        return a.startsWith("--") && a.contains("=") && !a.startsWith("--help") && !a.startsWith("--version");
    }

    public static void main(String[] args) {
        UnrollCommand.cleanUpTemporaries();
        if (opensApp(args)) {
            try {
                Class<?> app = Class.forName("org.unroll.ui.UnrollApp");
                app.getMethod("launchApp", String[].class).invoke(null, (Object) args);
                return;
            } catch (ClassNotFoundException e) {
                System.out.println("The desktop app is not part of this build yet; the command line follows.");
                args = new String[] {"--help"};
            } catch (ReflectiveOperationException e) {
                System.err.println("error: cannot open the app: " + e.getCause());
                System.exit(2);
            }
        }
        int code;
        try {
            code = UnrollCommand.execute(Launcher::windowBench, args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            System.err.println("error: the input is too large for this machine (" + e.getClass().getSimpleName() + ")");
            code = 2;
        }
        System.exit(code);
    }
}
