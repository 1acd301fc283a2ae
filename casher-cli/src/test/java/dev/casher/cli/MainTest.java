package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main#run} in-process: option parsing, usage errors and the picocli side. */
class MainTest {
    @TempDir
    Path cache;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(new PrintStream(out, true), new PrintStream(err, true), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runForm_unknownOption_isUsageErrorNamingIt() {
        assertThat(run("--frobnicate", "--", "true")).isEqualTo(2);
        assertThat(err()).contains("casher: unknown option '--frobnicate'").contains("Usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void runForm_optionWithoutValue_namesTheOption() {
        assertThat(run("--env")).isEqualTo(2);
        assertThat(err()).contains("option --env needs a value");
    }

    @Test
    void runForm_valueSwallowingTheSeparator_isRefused() {
        assertThat(run("--input", "--", "true")).isEqualTo(2);
        assertThat(err()).contains("option --input needs a value");
    }

    @Test
    void runForm_envTakesAName_notAnAssignment() {
        assertThat(run("--env", "A=1", "--", "true")).isEqualTo(2);
        assertThat(err()).contains("option --env takes a variable name, not 'A=1'");
    }

    @Test
    void runForm_withoutSeparator_saysWhereTheCommandGoes() {
        assertThat(run("--quiet", "make")).isEqualTo(2);
        assertThat(err()).contains("unexpected 'make': put the command after '--'");
    }

    @Test
    void runForm_emptyCommand_isUsageError() {
        assertThat(run("--")).isEqualTo(2);
        assertThat(err()).contains("no command after '--'");
        assertThat(run("-q")).isEqualTo(2);
    }

    @Test
    void runForm_parsesEveryOption() {
        RunArgs a = RunArgs.parse(new String[] {"--env", "A", "--env=B", "--input", "in", "--output=o",
            "--ignore", "*.log", "--refresh", "--no-store", "--cache-failures", "--cache-dir", "/c", "-v",
            "--", "cmd", "--env", "x"}, Path.of("/w"));
        assertThat(a.spec().argv()).containsExactly("cmd", "--env", "x");
        assertThat(a.spec().env()).containsExactly("A", "B");
        assertThat(a.spec().inputs()).containsExactly(Path.of("/w/in"));
        assertThat(a.spec().outputs()).containsExactly(Path.of("/w/o"));
        assertThat(a.spec().ignore()).containsExactly("*.log");
        assertThat(a.spec().flags()).hasSize(3);
        assertThat(a.cacheDir()).isEqualTo(Path.of("/c"));
        assertThat(a.verbosity().name()).isEqualTo("VERBOSE");
    }

    @Test
    void commandNotFound_is127AndNothingRuns() {
        assertThat(run("--cache-dir", cache.toString(), "--", "no-such-command-casher-test")).isEqualTo(127);
        assertThat(err()).contains("casher: no-such-command-casher-test: command not found");
    }

    @Test
    void subcommand_unknownOption_isUsageError() {
        assertThat(run("stats", "--bogus")).isEqualTo(2);
        assertThat(err()).contains("casher: Unknown option: '--bogus'");
    }

    @Test
    void unknownSubcommand_isUsageError() {
        assertThat(run("frob")).isEqualTo(2);
        assertThat(err()).contains("casher: Unmatched argument");
    }

    @Test
    void version_printsOneLine() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("casher ");
    }

    @Test
    void help_listsRunOptionsAndSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--cache-failures", "stats", "explain", "verify", "generate-completion");
    }

    @Test
    void help_fitsIn80Columns_withoutBreakingItsLines() {
        assertThat(run("--help")).isZero();
        java.util.List<String> lines = out().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        String[] description = new picocli.CommandLine(new Cli()).getCommandSpec().usageMessage()
                .description();
        for (String d : description) {
            if (!d.isBlank()) {
                assertThat(lines).as("help line kept whole").contains(d);
            }
        }
    }

    @Test
    void stats_onEmptyCache_printsZeroCountersAsJson() {
        assertThat(run("stats", "--json", "--cache-dir", cache.toString())).isZero();
        assertThat(out()).contains("\"hits\":0", "\"misses\":0", "\"entries\":0");
    }

    @Test
    void gc_badSize_namesTheOption() {
        assertThat(run("gc", "--max-size", "lots", "--cache-dir", cache.toString())).isEqualTo(2);
        assertThat(err()).contains("invalid --max-size 'lots'");
    }

    @Test
    void show_badKey_isUsageError() {
        assertThat(run("show", "xyz", "--cache-dir", cache.toString())).isEqualTo(2);
        assertThat(err()).contains("KEY must be 4 to 64 hex digits");
    }

    @Test
    void config_showsCacheDirFromOption() {
        assertThat(run("config", "--cache-dir", cache.toString())).isZero();
        assertThat(out()).contains("cache-dir = " + cache + "  (option --cache-dir)");
    }

    @Test
    void completion_generatesBashScript() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out()).contains("complete -F");
    }
}
