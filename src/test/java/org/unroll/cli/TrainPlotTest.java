package org.unroll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --plot FILE [--plot-against LOG]}: the run's loss curves, and another run's beside them. */
class TrainPlotTest {

    @TempDir
    Path dir;

    @Test
    void aRunDrawsItsLossCurvesAndAnotherRunsValidationLoss() throws Exception {
        Path log = dir.resolve("torch.log");
        Files.writeString(log, "torch 1.13 lstm\nepoch 1 val_loss 0.30000 t=1.0s\nepoch 2 val_loss 0.20000 t=2.0s\n"
                + "epoch: 3, loss: 0.1, val_loss: 0.150\nseconds=3.0\n");
        XYSeries s = TrainCommand.againstSeries(log);
        assertEquals(3, s.getItemCount());
        assertEquals(0.15, s.getY(2).doubleValue(), 0.0);
        assertEquals(3, s.getX(2).intValue());

        Path png = dir.resolve("loss.png");
        CliTest.Run r = CliTest.run("train", "--task", "sine", "--cell", "rnn", "--hidden", "4", "--epochs", "3",
                "--plot", png.toString(), "--plot-against", log.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + png), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(720, img.getHeight());
        // the three curves' colours: the run's red (train, validation) and the other run's blue
        boolean red = false;
        boolean blue = false;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                red |= rgb == 0xd62728;
                blue |= rgb == 0x1f77b4;
            }
        }
        assertTrue(red && blue, "red " + red + ", blue " + blue);
    }

    @Test
    void aLogWithoutEpochLinesOrAWrongPictureIsOneLine() throws Exception {
        Path log = dir.resolve("empty.log");
        Files.writeString(log, "nothing here\n");
        CliTest.Run r = CliTest.run("train", "--task", "sine", "--cell", "rnn", "--hidden", "2", "--epochs", "1",
                "--plot", dir.resolve("a.png").toString(), "--plot-against", log.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --plot-against: ") && r.err().contains("no line"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        CliTest.Run gif = CliTest.run("train", "--task", "sine", "--cell", "rnn", "--hidden", "2", "--epochs", "1",
                "--plot", dir.resolve("a.gif").toString());
        assertEquals(2, gif.code());
        assertTrue(gif.err().startsWith("error: --plot: "), gif.err());
        assertFalse(Files.exists(dir.resolve("a.gif")));
        CliTest.Run missing = CliTest.run("train", "--task", "sine", "--cell", "rnn", "--hidden", "2", "--epochs", "1",
                "--plot", dir.resolve("b.png").toString(), "--plot-against", dir.resolve("nope.log").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains(": no such file"), missing.err());
    }
}
