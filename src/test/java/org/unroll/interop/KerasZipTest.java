package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.Message;

/**
 * A Keras 3 {@code .keras} zip made here with jhdf (so that it runs without ../shared): the weights
 * addressed by position and matched to the configured layer by the store's recorded name, not by the
 * store's class-and-index name; the same arrays as the .h5 the writer makes, so the same weights.
 */
class KerasZipTest {

    @TempDir
    Path dir;

    @Test
    void aKeras3ZipReadsByPositionAndRecordedName() throws Exception {
        Case c = KerasWriterTest.reference("gru-reset-after-xent-softmax-many-to-one.json");
        Path h5 = dir.resolve("ref.h5");
        KerasWriter.write(c.config(), c.weights(), h5);
        double[][] kernel;
        double[][] recurrent;
        double[][] bias;
        double[][] dk;
        double[] db;
        try (HdfFile f = new HdfFile(h5)) {
            kernel = (double[][]) f.getDatasetByPath("model_weights/gru/gru/kernel:0").getData();
            recurrent = (double[][]) f.getDatasetByPath("model_weights/gru/gru/recurrent_kernel:0").getData();
            bias = (double[][]) f.getDatasetByPath("model_weights/gru/gru/bias:0").getData();
            dk = (double[][]) f.getDatasetByPath("model_weights/dense/dense/kernel:0").getData();
            db = (double[]) f.getDatasetByPath("model_weights/dense/dense/bias:0").getData();
        }
        // Keras 3: the GRU configured as "gru_7" is stored as layers/gru; a Dropout between
        Path weights = dir.resolve("model.weights.h5");
        try (WritableHdfFile f = HdfFile.write(weights)) {
            WritableGroup layers = f.putGroup("layers");
            WritableGroup gru = layers.putGroup("gru");
            gru.putGroup("vars").putAttribute("name", "gru_7");
            WritableGroup vars = gru.putGroup("cell").putGroup("vars");
            vars.putAttribute("name", "gru_cell");
            vars.putDataset("0", kernel);
            vars.putDataset("1", recurrent);
            vars.putDataset("2", bias);
            layers.putGroup("dropout").putGroup("vars").putAttribute("name", "dropout_3");
            WritableGroup dense = layers.putGroup("dense");
            WritableGroup dv = dense.putGroup("vars");
            dv.putAttribute("name", "dense_2");
            dv.putDataset("0", dk);
            dv.putDataset("1", db);
        }
        String config = "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 5, 2], \"name\": \"in\"}},"
                + "{\"class_name\": \"GRU\", \"config\": {\"name\": \"gru_7\", \"units\": 4, \"activation\": \"tanh\","
                + " \"recurrent_activation\": \"sigmoid\", \"use_bias\": true, \"reset_after\": true,"
                + " \"return_sequences\": true, \"dropout\": 0.0}},"
                + "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"dropout_3\", \"rate\": 0.2}},"
                + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_2\", \"units\": 3, \"activation\": \"softmax\"}}]}}";
        Path zip = dir.resolve("model.keras");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(z, "metadata.json", "{\"keras_version\": \"3.15.0\", \"date_saved\": \"2026-12-02@03:00:00\"}"
                    .getBytes(StandardCharsets.UTF_8));
            put(z, "config.json", config.getBytes(StandardCharsets.UTF_8));
            put(z, "model.weights.h5", Files.readAllBytes(weights));
        }
        Imported im = Importers.read(zip, ImportOptions.defaults());
        assertEquals("3.15.0", im.version());
        assertEquals(".keras zip", im.format());
        assertEquals(CellType.GRU, im.config().cell());
        assertEquals(c.config(), im.config());
        KerasWriterTest.assertExact(c.weights(), im.weights());
        List<String> english = im.mapping().stream().map(Message::english).toList();
        int at = english.indexOf("bh_a ← gru_7 vars/2 (bias)[1, 8:12] (recurrent bias of block h, inside r ⊙ (…))");
        assertTrue(at >= 0, english.toString());
        // the same line in the Japanese window (ADR 0044), the store's names as they are
        assertEquals("bh_a ← gru_7 vars/2 (bias)[1, 8:12]（ブロック h の再帰側のバイアス。r ⊙ (…) の中）",
                im.mapping().get(at).text(Locale.JAPANESE));
        assertEquals(english.get(at), im.mapping().get(at).text(Locale.FRENCH), "a language not offered: English");
        assertTrue(english.contains("Wx_z ← gru_7 vars/0 (kernel)[:, 0:4]ᵀ (block z)"), english.toString());
        Message dropout = im.notes().stream()
                .filter(n -> n.english().equals("Dropout (dropout_3) is the identity when predicting: left out"))
                .findFirst().orElseThrow();
        assertEquals("Dropout（dropout_3）は予測では恒等写像なので省きます", dropout.text(Locale.JAPANESE));

        // Keras 3's hard_sigmoid is not Keras 2's: refused
        Path hard = dir.resolve("hard.keras");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(hard))) {
            put(z, "metadata.json", "{\"keras_version\": \"3.15.0\"}".getBytes(StandardCharsets.UTF_8));
            put(z, "config.json", config.replace("\"sigmoid\"", "\"hard_sigmoid\"").getBytes(StandardCharsets.UTF_8));
            put(z, "model.weights.h5", Files.readAllBytes(weights));
        }
        assertEquals("the GRU's gate activation is Keras 3.15.0's hard_sigmoid, relu6(x + 3)/6, not Keras 2's"
                + " clip(0.2x + 0.5, 0, 1) that a case holds", assertThrows(ImportException.class,
                () -> Importers.read(hard, ImportOptions.defaults())).getMessage());

        // a zip without the weights
        Path empty = dir.resolve("empty.keras");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(empty))) {
            put(z, "config.json", config.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("empty.keras has no model.weights.h5: not a Keras 3 .keras file", assertThrows(
                ImportException.class, () -> Importers.read(empty, ImportOptions.defaults())).getMessage());
    }

    private static void put(ZipOutputStream z, String name, byte[] bytes) throws Exception {
        z.putNextEntry(new ZipEntry(name));
        OutputStream o = z;
        o.write(bytes);
        z.closeEntry();
    }
}
