package dev.casher.internal.fingerprint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.internal.util.Digest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fingerprint value: digest over its parts, change descriptions, metadata round trip. */
class CodeFingerprintTest {
    private static final Digest A = Digest.ofString("a");
    private static final Digest B = Digest.ofString("b");

    private final CodeFingerprint before = CodeFingerprint.of(
            Map.of("p/C.m()V", A, "p/C.gone()V", A),
            Map.of("jdk", "java 17", "g:lib", "g:lib:1.0", "old.jar", "sha256:00"));

    @Test
    void describeChanges_namesEachDifference_methodsThenLibraries_inKeyOrder() {
        CodeFingerprint after = CodeFingerprint.of(
                Map.of("p/C.m()V", B, "p/D.n()V", A),
                Map.of("jdk", "java 21", "g:lib", "g:lib:1.1", "new.jar", "sha256:11"));

        assertThat(after.describeChanges(before)).containsExactly(
                "removed: p/C.gone()V",
                "changed: p/C.m()V",
                "added: p/D.n()V",
                "library changed: g:lib g:lib:1.0 -> g:lib:1.1",
                "library changed: jdk java 17 -> java 21",
                "library added: new.jar sha256:11",
                "library removed: old.jar sha256:00");
    }

    @Test
    void describeChanges_equalFingerprints_isEmpty() {
        assertThat(before.describeChanges(CodeFingerprint.of(before.methods(),
                before.libraries()))).isEmpty();
    }

    @Test
    void digest_dependsOnEveryPart() {
        assertThat(CodeFingerprint.of(Map.of("p/C.m()V", B), before.libraries()).digest())
                .isNotEqualTo(before.digest());
        assertThat(CodeFingerprint.of(before.methods(), Map.of("jdk", "java 17")).digest())
                .isNotEqualTo(before.digest());
    }

    @Test
    void metadata_roundTrips_andIgnoresForeignKeys() {
        Map<String, String> meta = new HashMap<>(before.toMetadata());
        meta.put("argument.0", "unrelated");

        assertThat(CodeFingerprint.fromMetadata(meta)).isEqualTo(before);
    }

    @Test
    void metadata_tamperedPart_isRejected() {
        Map<String, String> meta = new HashMap<>(before.toMetadata());
        meta.put("code.m.p/C.m()V", B.hex());

        assertThatThrownBy(() -> CodeFingerprint.fromMetadata(meta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void metadata_withoutDigest_isRejected() {
        assertThatThrownBy(() -> CodeFingerprint.fromMetadata(Map.of("x", "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("code.fingerprint");
    }
}
