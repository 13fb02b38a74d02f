package org.unroll.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unroll.engine.Case;
import org.unroll.engine.LossKind;
import org.unroll.engine.Sequence;

/** The PyTorch fixtures of src/test/resources/interop/torch (made by make_fixtures.py) and torch's numbers. */
final class TorchFixtures {

    private TorchFixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(TorchFixtures.class.getResource("/interop/torch/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** What torch computed: NAME.json. */
    static JsonNode reference(String model) throws Exception {
        return new ObjectMapper().readTree(Files.readAllBytes(file(model + ".json")));
    }

    static double[][] matrix(JsonNode n) {
        if (n.isArray() && n.size() > 0 && n.get(0).isNumber()) {
            double[][] m = new double[n.size()][1];
            for (int i = 0; i < n.size(); i++) {
                m[i][0] = n.get(i).asDouble();
            }
            return m;
        }
        double[][] m = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            if (r.isNull()) {
                m[i] = null;
                continue;
            }
            m[i] = new double[r.size()];
            for (int j = 0; j < r.size(); j++) {
                m[i][j] = r.get(j).asDouble();
            }
        }
        return m;
    }

    /** The case of an import on the reference's sequence, with the case format's mse. */
    static Case kase(Imported im, JsonNode ref) {
        Sequence s = Sequence.of(matrix(ref.get("inputs")), matrix(ref.get("targets")), im.config().hiddenSize());
        return im.toCase("test", s, LossKind.MSE);
    }

    /** The spec's tolerance: |a − e| ≤ 1e-8 + 1e-6·|e|. */
    static boolean agrees(double actual, double expected) {
        return Math.abs(actual - expected) <= 1e-8 + 1e-6 * Math.abs(expected);
    }
}
