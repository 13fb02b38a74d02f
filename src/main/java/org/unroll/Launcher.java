package org.unroll;

import org.unroll.cli.UnrollCommand;

/**
 * The jar's entry point. A plain class (not a JavaFX {@code Application}) so that the shaded jar
 * runs with {@code java -jar}. With a subcommand it runs headless; with none it opens the app.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
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
            code = UnrollCommand.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            System.err.println("error: the input is too large for this machine (" + e.getClass().getSimpleName() + ")");
            code = 2;
        }
        System.exit(code);
    }
}
