package org.unroll.testing;

import java.io.IOException;

/** Outside commands the file-system tests need (mkfifo, mknod, mount), run where the machine has them. */
public final class Commands {

    private Commands() {
    }

    /**
     * Runs a command to its end, its output discarded.
     *
     * @return false if the command is missing or fails (the test that needs it is then skipped)
     */
    public static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
