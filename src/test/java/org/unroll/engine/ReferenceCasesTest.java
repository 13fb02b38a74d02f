package org.unroll.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reference case (computed independently in float64) is reproduced within the spec's tolerance. */
class ReferenceCasesTest {

    static Path casesDir() throws URISyntaxException {
        return Path.of(ReferenceCasesTest.class.getResource("/cases").toURI());
    }

    static Stream<Path> cases() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(casesDir())) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            return l.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(Path file) throws Exception {
        Case c = CaseFile.read(file);
        CaseCheck.Result r = CaseCheck.compare(c.expected(), c.compute());
        assertTrue(r.compared() > 0, "nothing compared");
        assertTrue(r.agrees(), file.getFileName() + ": " + r.summary());
    }
}
