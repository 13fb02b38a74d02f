package org.unroll.interop;

import java.io.IOException;
import org.unroll.engine.InputFile;
import org.unroll.engine.Message;
import java.nio.file.Path;
import java.util.Locale;

/**
 * PyTorch state dicts — {@code torch.save}'s zip and legacy formats ({@code .pt}, {@code .pth},
 * {@code .bin}), numpy's {@code savez} of one ({@code .npz}), {@code .safetensors} — and TensorFlow
 * 1.x LSTM cell weights in an .npz or safetensors file (recognised by a {@code …lstm_cell/kernel}
 * array; {@link Tf1Layout}).
 */
public final class PyTorchReader implements ModelReader {

    @Override
    public boolean accepts(String fileName, byte[] head) {
        String n = fileName.toLowerCase(Locale.ROOT);
        boolean named = n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".bin") || n.endsWith(".npz")
                || n.endsWith(".safetensors") || n.endsWith(".ckpt");
        if (named) {
            return true;
        }
        return (StateDictFiles.isZip(head) && !n.endsWith(".keras"))
                || StateDictFiles.isPickle(head) || StateDictFiles.isSafetensors(head);
    }

    @Override
    public Imported read(Path file, ImportOptions options) throws ImportException, IOException {
        byte[] head;
        try {
            head = InputFile.head(file, Importers.HEAD, Long.MAX_VALUE);
        } catch (InputFile.Refused e) {
            throw new ImportException(Message.of("problem.at", file.getFileName().toString(), Message.from(e)));
        }
        String source = file.getFileName().toString();
        StateDictFiles.Loaded loaded = StateDictFiles.read(file, head);
        if (Tf1Layout.kernelKey(loaded.tensors()) != null) {
            return Tf1Layout.toImported(loaded, source, options);
        }
        return TorchLayout.toImported(loaded, source, options);
    }
}
