package org.unroll.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unroll.engine.Activation;
import org.unroll.engine.Case;
import org.unroll.engine.CellType;
import org.unroll.engine.GateActivation;
import org.unroll.engine.Message;
import org.unroll.engine.ModelConfig;
import org.unroll.engine.OutputActivation;
import org.unroll.engine.Weights;

/**
 * The importer's refusals in both languages (ADR 0044, amended for {@link ImportException}):
 * {@code getMessage()} is the English the command line's {@code import} prints, exactly as before;
 * {@code getMessage(Locale.JAPANESE)} the same sentence in Japanese, with the file's name, the layers,
 * the arrays' names and shapes, and the options as they are.
 */
class ImportMessagesInBothLanguagesTest {

    @TempDir
    Path dir;

    private static ImportException refused(Path file, ImportOptions o) {
        return assertThrows(ImportException.class, () -> Importers.read(file, o));
    }

    private static boolean hasJapanese(String s) {
        return s.codePoints().anyMatch(c -> c >= 0x3040 && c <= 0x30ff || c >= 0x4e00 && c <= 0x9fff);
    }

    /** Both languages: English as getMessage(), the Japanese given, and English for a language not offered. */
    private static void says(ImportException e, String en, String ja) {
        assertEquals(en, e.getMessage());
        assertEquals(en, e.getMessage(Locale.ENGLISH));
        assertEquals(en, e.getMessage(Locale.FRENCH), "a language not offered: English");
        assertEquals(ja, e.getMessage(Locale.JAPANESE));
        assertEquals(e.message(), Message.from(e));
    }

    @Test
    void aStackedKerasModelIsRefusedInJapaneseWithItsLayersAndTheOption() throws Exception {
        Case c = KerasWriterTest.reference("lstm-many-to-many.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode cfg = (ObjectNode) json.readTree(KerasWriter.modelConfig(c.config()));
        ArrayNode layers = (ArrayNode) cfg.get("config").get("layers");
        ObjectNode second = layers.get(1).deepCopy();
        ((ObjectNode) second.get("config")).put("name", "lstm_2");
        layers.insert(2, second);
        Path file = dir.resolve("stacked.h5");
        KerasWriter.write(c.config(), c.weights(), file, cfg.toString(), "2.15.0");
        says(refused(file, ImportOptions.defaults()),
                "2 stacked recurrent layers (lstm, lstm_2): a case holds one; import one with --layer N (0 to 1)",
                "再帰層が 2 層積み重なっています（lstm, lstm_2）。ケースで扱えるのは 1 層なので、--layer N（0〜1）で 1 層を選んで取り込んでください");
        says(refused(file, ImportOptions.defaults().withLayer(2)),
                "--layer 2: the model has 2 recurrent layers (0 to 1)",
                "--layer 2: このモデルの再帰層は 2 層で、番号は 0〜1 です");
    }

    @Test
    void aKerasActivationACaseCannotHoldIsNamedAsItIs() throws Exception {
        Case c = KerasWriterTest.reference("lstm-many-to-many.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode cfg = (ObjectNode) json.readTree(KerasWriter.modelConfig(c.config()));
        ((ObjectNode) cfg.get("config").get("layers").get(1).get("config")).put("recurrent_activation", "tanh");
        Path file = dir.resolve("swapped.h5");
        KerasWriter.write(c.config(), c.weights(), file, cfg.toString(), "2.15.0");
        says(refused(file, ImportOptions.defaults()),
                "the LSTM's gate activation (recurrent_activation) is tanh: a case's gates are sigmoid or hard_sigmoid",
                "LSTM のゲートの活性化関数（recurrent_activation）が tanh です。ケースのゲートは sigmoid か hard_sigmoid です");
    }

    @Test
    void pyTorchRefusalsKeepTheFileModulesAndShapes() {
        says(refused(TorchFixtures.file("two-linear.pt"), ImportOptions.defaults()),
                "two-linear.pt: several Linear layers (fc1, fc2): the case format has one output layer",
                "two-linear.pt: Linear 層が複数あります（fc1、fc2）。ケース形式の出力層は 1 つです");
        ImportException stacked = refused(TorchFixtures.file("stacked-lstm.pt"), ImportOptions.defaults());
        assertEquals("stacked-lstm.pt: stacked recurrent layers (2): the case format holds one; import one with"
                + " --layer N (0 to 1)", stacked.getMessage());
        assertEquals("stacked-lstm.pt: 再帰層が 2 層積み重なっています。ケース形式で扱えるのは 1 層なので、--layer N（0〜1）で"
                + " 1 層を選んで取り込んでください", stacked.getMessage(Locale.JAPANESE));
        says(refused(TorchFixtures.file("book-lstm.pt"), ImportOptions.defaults().withActivation(Activation.RELU)),
                "--activation relu: nn.LSTM always uses tanh", "--activation relu: nn.LSTM は常に tanh を使います");
        // a state dict's own shapes, as (rows, columns)
        LinkedHashMap<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("rnn.weight_ih_l0", new Tensor("float32", new int[] {8, 2}, new double[16]));
        sd.put("rnn.weight_hh_l0", new Tensor("float32", new int[] {8, 3}, new double[24]));
        ImportException shapes = assertThrows(ImportException.class, () -> TorchLayout.toImported(
                new StateDictFiles.Loaded("f", null, sd), "m.pt", ImportOptions.defaults()));
        assertEquals("m.pt: rnn.weight_ih_l0 (8, 2) and weight_hh_l0 (8, 3) are not the shapes of one nn.RNN, nn.LSTM"
                + " or nn.GRU layer", shapes.getMessage());
        assertEquals("m.pt: rnn.weight_ih_l0 (8, 2) と weight_hh_l0 (8, 3) は、1 つの nn.RNN、nn.LSTM、nn.GRU の層の形"
                + "ではありません", shapes.getMessage(Locale.JAPANESE));
    }

    @Test
    void aPickleThatNamesAnotherClassIsRefusedInJapaneseWithTheClassAsItIs() {
        ImportException e = refused(TorchFixtures.file("evil-legacy.pt"), ImportOptions.defaults());
        assertTrue(e.getMessage().contains("the pickle names posix.system, which a state dict never holds"), e.getMessage());
        String ja = e.getMessage(Locale.JAPANESE);
        assertTrue(ja.startsWith("evil-legacy.pt: pickle が posix.system を指定しています。state dict にはないものです"), ja);
        assertTrue(ja.endsWith("model.state_dict() を保存してください）。何も実行していません"), ja);
        ImportException one = refused(TorchFixtures.file("not-a-state-dict.pt"), ImportOptions.defaults());
        assertEquals("not-a-state-dict.pt: the file holds one tensor, not a state dict (an OrderedDict of named tensors)",
                one.getMessage());
        assertEquals("not-a-state-dict.pt: ファイルに入っているのはテンソル 1 つで、state dict（名前の付いたテンソルの"
                + " OrderedDict）ではありません", one.getMessage(Locale.JAPANESE));
    }

    @Test
    void aFileOfNoKnownKindAFolderAndATruncatedFile() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "hello");
        says(refused(notes, ImportOptions.defaults()),
                "notes.txt is not a PyTorch state dict (.pt, .pth, .npz, .safetensors) or a Keras model (.h5, .keras)",
                "notes.txt は PyTorch の state dict（.pt、.pth、.npz、.safetensors）でも Keras のモデル（.h5、.keras）でもありません");
        Path folder = Files.createDirectory(dir.resolve("weights.pt"));
        says(refused(folder, ImportOptions.defaults()), "weights.pt: not a regular file (a folder)",
                "weights.pt: 通常のファイルではありません（フォルダ）");
        byte[] b = Files.readAllBytes(TorchFixtures.file("book-lstm-legacy.pt"));
        Path cut = dir.resolve("book-lstm-legacy.pt");
        Files.write(cut, java.util.Arrays.copyOf(b, 40));
        ImportException e = refused(cut, ImportOptions.defaults());
        assertTrue(e.getMessage().startsWith("book-lstm-legacy.pt: the pickle "), e.getMessage());
        assertTrue(e.getMessage(Locale.JAPANESE).startsWith("book-lstm-legacy.pt: pickle "), e.getMessage(Locale.JAPANESE));
        assertTrue(hasJapanese(e.getMessage(Locale.JAPANESE)), e.getMessage(Locale.JAPANESE));
    }

    @Test
    void theInputSequencesRefusalsAreSaidInJapaneseToo() throws Exception {
        ImportException typed = assertThrows(ImportException.class, () -> ImportSequences.typed("1 2\n3 x", 1, 1, 3));
        says(typed, "typed numbers line 2: 'x' is not a finite number", "入力した数値（2 行目）: 'x' は有限の数値ではありません");
        Path csv = dir.resolve("seq.csv");
        Files.writeString(csv, "1,2\n3,4,5\n");
        says(assertThrows(ImportException.class, () -> ImportSequences.csv(csv, 1, 1, 3)),
                "seq.csv line 2: expected 1 inputs, then 1 targets or none; got 3 values",
                "seq.csv（2 行目）: 入力 1 個と、その後に目標値 1 個（または目標値なし）が必要です（実際は 3 個の値）");
        Files.writeString(csv, "1,x\n3,4\n");
        says(assertThrows(ImportException.class, () -> ImportSequences.csv(csv, 1, 1, 3)),
                "seq.csv line 1, column 2: 'x' is not a number; the first row is a header only when none of its cells is"
                        + " a number",
                "seq.csv（1 行 2 列）: 'x' は数値ではありません。1 行目が見出しになるのは、どのセルも数値でないときだけです");
        says(assertThrows(ImportException.class, () -> ImportSequences.task(ImportSequences.Task.ADDING, 5, 1, 1, 3)),
                "the adding problem needs 2 input(s) and 1 output; the network has I = 1, O = 1",
                "足し算問題には入力 2 個と出力 1 個が必要ですが、このネットワークは I = 1、O = 1 です");
    }

    @Test
    void whatAnExportCannotWriteIsSaidInJapanese() {
        ModelConfig peephole = new ModelConfig(CellType.LSTM, 2, 3, 1, Activation.TANH, OutputActivation.LINEAR, true, false,
                GateActivation.SIGMOID);
        Weights w = Weights.zeros(peephole);
        says(assertThrows(ImportException.class, () -> TorchLayout.toStateDict(w)), "nn.LSTM has no peepholes",
                "nn.LSTM にはピープホールがありません");
        says(assertThrows(ImportException.class, () -> KerasWriter.write(peephole, w, dir.resolve("p.h5"))),
                "Keras's LSTM has no peepholes: a peephole LSTM cannot be written as Keras weights",
                "Keras の LSTM にはピープホールがありません。ピープホール付きの LSTM は Keras の重みとして書き出せません");
    }
}
