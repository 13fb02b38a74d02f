package org.unroll.ui.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import org.unroll.ui.MainViewModel;
import org.unroll.ui.training.TrainingViewModel;

/**
 * The long soak (issue 14, ADR 0028): the real window trains with live plots while the stepper
 * steps through the schedule, for a number of minutes; a sampler thread writes, every few seconds,
 * the heap used after a full collection and how long the JavaFX thread took to run a posted task
 * (its responsiveness) to a CSV. Started by the app's {@code --soak=MINUTES} (with
 * {@code --soak-csv=FILE} and {@code --soak-every=SECONDS}); the app quits when it is over.
 * {@code scripts/soak.sh} runs it under Xvfb.
 */
public final class Soak {

    private final MainViewModel main;
    private final TrainingViewModel training;
    private final double minutes;
    private final double everySeconds;
    private final Path csv;

    public Soak(MainViewModel main, TrainingViewModel training, double minutes, double everySeconds, Path csv) {
        this.main = main;
        this.training = training;
        this.minutes = minutes;
        this.everySeconds = everySeconds;
        this.csv = csv;
    }

    /** On the JavaFX thread: starts the training, the stepping and the sampler. */
    public void start() {
        training.epochsProperty().set(100_000_000);
        training.plotsShownProperty().set(true);
        training.start();
        // the stepper: five steps a second, back to the start at the end
        Timeline steps = new Timeline(new KeyFrame(Duration.millis(200), e -> {
            var c = main.getCursor();
            if (c != null && c.atEnd()) {
                main.seek(-1);
            } else {
                main.next();
            }
        }));
        steps.setCycleCount(Timeline.INDEFINITE);
        steps.play();
        Thread sampler = new Thread(this::sample, "unroll-soak");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long t0 = System.nanoTime();
        long end = t0 + (long) (minutes * 60e9);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(
                org.unroll.engine.AtomicFile.checkTarget(csv), StandardCharsets.UTF_8))) { // a log, appended: only checked
            out.println("seconds,heap_used_after_gc_mib,heap_committed_mib,fx_latency_ms,epoch,event");
            out.flush();
            while (true) {
                long now = System.nanoTime();
                System.gc();
                long used = mem.getHeapMemoryUsage().getUsed();
                long committed = mem.getHeapMemoryUsage().getCommitted();
                long[] epochEvent = new long[2];
                CountDownLatch ran = new CountDownLatch(1);
                long posted = System.nanoTime();
                long[] took = new long[1];
                Platform.runLater(() -> {
                    took[0] = System.nanoTime() - posted;
                    var snap = training.run() == null ? null : training.run().latest();
                    epochEvent[0] = snap == null ? 0 : snap.epoch();
                    epochEvent[1] = main.getCursor() == null ? -1 : main.getCursor().position();
                    ran.countDown();
                });
                boolean answered = ran.await(60, TimeUnit.SECONDS);
                out.printf(Locale.ROOT, "%.1f,%.2f,%.2f,%s,%d,%d%n", (now - t0) / 1e9, used / 1048576.0,
                        committed / 1048576.0, answered ? String.format(Locale.ROOT, "%.2f", took[0] / 1e6) : "",
                        epochEvent[0], epochEvent[1]);
                out.flush();
                if (now >= end) {
                    break;
                }
                Thread.sleep((long) (everySeconds * 1000));
            }
        } catch (IOException e) {
            System.err.println("soak: cannot write " + csv + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Platform.runLater(() -> {
            training.stop();
            Platform.exit();
        });
    }
}
