package dev.casher.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.util.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandKeyTest {
    private static final Path CWD = Path.of("/work");

    private static CommandKey key(List<String> argv, Map<String, String> environ, String stdin) {
        CommandSpec spec = new CommandSpec(argv, CWD, List.of("MODE"), List.of(), List.of(), List.of(), Set.of());
        byte[] b = stdin.getBytes(StandardCharsets.UTF_8);
        return CommandKey.of(spec, environ, new Stdin.Content(Path.of("/dev/null"), Digest.ofBytes(b), b.length, false));
    }

    @Test
    void key_sameCommand_isStable() {
        assertThat(key(List.of("sh", "-c", "x"), Map.of(), "").digest())
                .isEqualTo(key(List.of("sh", "-c", "x"), Map.of(), "").digest());
    }

    @Test
    void key_argumentBoundaries_matter() {
        assertThat(key(List.of("echo", "a b"), Map.of(), "").digest())
                .isNotEqualTo(key(List.of("echo", "a", "b"), Map.of(), "").digest());
    }

    @Test
    void key_declaredEnvValue_unsetAndEmptyDiffer() {
        Digest unset = key(List.of("make"), Map.of(), "").digest();
        Digest empty = key(List.of("make"), Map.of("MODE", ""), "").digest();
        Digest a = key(List.of("make"), Map.of("MODE", "a"), "").digest();
        assertThat(Set.of(unset, empty, a)).hasSize(3);
        assertThat(key(List.of("make"), Map.of("OTHER", "x"), "").digest()).isEqualTo(unset);
    }

    @Test
    void key_stdinContent_isPartOfIt() {
        assertThat(key(List.of("cat"), Map.of(), "a").digest()).isNotEqualTo(key(List.of("cat"), Map.of(), "b").digest());
    }

    @Test
    void metadata_keepsArgvCwdEnvAndStdinForExplain() {
        CommandKey k = key(List.of("sh", "-c", "echo hi"), Map.of("MODE", "fast"), "");
        assertThat(k.metadata()).containsEntry("kind", "command").containsEntry("arg.2", "echo hi")
                .containsEntry("cwd", "/work").containsEntry("env.MODE", "fast").containsEntry("stdin", "empty")
                .containsEntry("key", k.digest().hex());
    }

    @Test
    void display_quotesLikeAShell() {
        assertThat(CommandKey.display(List.of("sh", "-c", "it's"))).isEqualTo("sh -c 'it'\\''s'");
    }
}
