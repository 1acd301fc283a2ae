package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every file API of the matrix reports its exact (kind, path) pairs (this JVM: -javaagent). */
class IoMatrixTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> matrix_eachApi_reportsItsKindsAndPaths() {
        CasherAgent.install();
        return IoMatrix.scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(),
                () -> assertThat(IoMatrix.check(s, tmp.resolve(s.name()))).isNull()));
    }
}
