package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.CachedFunction1;
import dev.casher.Casher;
import dev.casher.CasherConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code call} declares the function's checked exceptions (issue 10 §4). */
class CheckedCallTest {
    @TempDir
    Path tmp;

    static String read(String path) throws IOException {
        return Files.readString(Path.of(path));
    }

    @Test
    void call_declaresCheckedExceptions_soCatchingIOExceptionCompiles_andCatchesIt() {
        Casher.configure(CasherConfig.builder().cacheDir(tmp.resolve("cache")).build());
        CachedFunction1<String, String> f = Casher.wrap(CheckedCallTest::read);
        IOException caught = null;
        try {
            f.call(tmp.resolve("missing.txt").toString());
        } catch (IOException e) {
            caught = e;
        } catch (Exception e) {
            throw new AssertionError("expected the IOException itself", e);
        }
        assertThat(caught).isInstanceOf(NoSuchFileException.class);
    }
}
