package org.unroll.cli;

import java.nio.file.Path;

/**
 * The window benchmark of {@code bench --ui}, which lives in the ui layer (JavaFX): the launcher
 * hands it to {@link UnrollCommand#execute(WindowBench, String...)}, so that the command line parses
 * and checks the options and the cli layer never touches JavaFX.
 */
@FunctionalInterface
public interface WindowBench {

    /**
     * Opens the window, times the key presses and prints the figures.
     *
     * @param caseFile the case (null: the demo), already checked to be readable
     * @param events the key presses to time
     * @param window the window's size, WIDTHxHEIGHT
     * @return the exit code
     */
    int run(Path caseFile, int events, String window) throws Exception;
}
