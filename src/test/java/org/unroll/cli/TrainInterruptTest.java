package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.session.Checkpoint;

/**
 * Ctrl+C (SIGTERM) during {@code train --checkpoint} in a real JVM: the last checkpoint is written
 * by the hook at exit before this process's temporaries are removed (ADR 0030), and none is left.
 */
class TrainInterruptTest {

    @TempDir
    Path dir;

    @Test
    void theCheckpointOnCtrlCIsWrittenAndNoTemporaryIsLeft() throws Exception {
        Path ckpt = dir.resolve("run.ckpt.json");
        Path data = dir.resolve("data");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dunroll.data.dir=" + data, "-cp", System.getProperty("java.class.path"), "org.unroll.Launcher",
                "train", "--task", "sine", "--cell", "gru", "--hidden", "3", "--batch", "40", "--seed", "4",
                "--epochs", "1000000", "--checkpoint", ckpt.toString(), "--checkpoint-every", "1")
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("epoch 1/")) {
                    // SIGTERM, as Ctrl+C, while training is under way (destroy() would close this pipe)
                    Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start();
                    assertEquals(0, kill.waitFor(), "kill -TERM");
                    break;
                }
            }
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        p.waitFor();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("interrupted: " + ckpt + " holds epoch ")), String.join("\n", lines));
        Checkpoint c = Checkpoint.read(ckpt);
        assertNotNull(c);
        assertTrue(c.epoch() >= 1);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
        }
        assertFalse(Files.exists(data.resolve("writing").resolve(p.pid() + ".txt")), "no journal left");
    }
}
