package dev.casher.agent;

import static dev.casher.internal.record.EventKind.CREATE;
import static dev.casher.internal.record.EventKind.DELETE;
import static dev.casher.internal.record.EventKind.LIST_DIR;
import static dev.casher.internal.record.EventKind.MKDIR;
import static dev.casher.internal.record.EventKind.PROBE_MISSING;
import static dev.casher.internal.record.EventKind.READ;
import static dev.casher.internal.record.EventKind.RENAME_FROM;
import static dev.casher.internal.record.EventKind.RENAME_TO;
import static dev.casher.internal.record.EventKind.STAT;
import static dev.casher.internal.record.EventKind.WRITE;

import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.Recording;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The coverage matrix: every file API of the agent note, with the (kind, path) pairs it must
 * produce inside a recording. Shared by {@link IoMatrixTest} and {@link ProbeMain} (forked JVMs:
 * self-attach, JDK 25).
 */
public final class IoMatrix {
    /** One API use and what it must report. */
    public record Scenario(String name, Setup setup) {}

    /** Prepares files under a fresh directory, returns the action and its expectations. */
    @FunctionalInterface
    public interface Setup {
        Case prepare(Path dir) throws Exception;
    }

    /** An action and, per path, the kinds it must report; mutation kinds must match exactly. */
    public record Case(Recorded.Action action, Map<Path, Set<EventKind>> expected) {}

    private IoMatrix() {}

    /** Runs one scenario in {@code dir}; returns null when it passed, else what went wrong. */
    public static String check(Scenario s, Path dir) throws Exception {
        Files.createDirectories(dir);
        Case c = s.setup().prepare(dir.toAbsolutePath().normalize());
        Recording.Snapshot snap = Recorded.run(c.action());
        Map<Path, Set<EventKind>> seen = Recorded.kinds(snap);
        List<String> problems = new ArrayList<>();
        if (!snap.taints().isEmpty()) {
            problems.add("tainted: " + snap.taints());
        }
        c.expected().forEach((path, kinds) -> {
            Set<EventKind> got = seen.getOrDefault(path, EnumSet.noneOf(EventKind.class));
            Set<EventKind> gotMutations = EnumSet.noneOf(EventKind.class);
            got.stream().filter(EventKind::mutates).forEach(gotMutations::add);
            Set<EventKind> wantMutations = EnumSet.noneOf(EventKind.class);
            kinds.stream().filter(EventKind::mutates).forEach(wantMutations::add);
            if (!got.containsAll(kinds) || !gotMutations.equals(wantMutations)) {
                problems.add(path.getFileName() + ": want " + kinds + ", got " + got);
            }
        });
        return problems.isEmpty() ? null : String.join("; ", problems) + " (all: " + seen + ")";
    }

    private static Map<Path, Set<EventKind>> expect(Object... pairs) {
        Map<Path, Set<EventKind>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.computeIfAbsent((Path) pairs[i], k -> EnumSet.noneOf(EventKind.class))
                    .add((EventKind) pairs[i + 1]);
        }
        return m;
    }

    private static Path file(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Path zip(Path dir) throws IOException {
        Path z = dir.resolve("a.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            out.putNextEntry(new ZipEntry("x.txt"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return z;
    }

    private static Scenario s(String name, Setup setup) {
        return new Scenario(name, setup);
    }

    /** All scenarios. */
    public static List<Scenario> scenarios() {
        return List.of(
            s("FileInputStream_existing_read", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> new FileInputStream(f.toFile()).close(), expect(f, READ));
            }),
            s("FileInputStream_missing_probeMissing", d -> {
                Path f = d.resolve("absent");
                return new Case(() -> {
                    try (FileInputStream in = new FileInputStream(f.toFile())) {
                        in.read();
                    } catch (IOException expected) {
                        // the probe is the point
                    }
                }, expect(f, PROBE_MISSING));
            }),
            s("FileReader_read", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> new FileReader(f.toFile(), StandardCharsets.UTF_8).close(),
                        expect(f, READ));
            }),
            s("FileOutputStream_new_create", d -> {
                Path f = d.resolve("new");
                return new Case(() -> new FileOutputStream(f.toFile()).close(),
                        expect(f, EventKind.CREATE));
            }),
            s("FileOutputStream_existing_write", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> new FileOutputStream(f.toFile()).close(),
                        expect(f, WRITE));
            }),
            s("FileOutputStream_append_write", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> new FileOutputStream(f.toFile(), true).close(),
                        expect(f, READ, f, WRITE));
            }),
            s("FileWriter_new_create", d -> {
                Path f = d.resolve("new");
                return new Case(() -> new FileWriter(f.toFile(), StandardCharsets.UTF_8).close(),
                        expect(f, CREATE));
            }),
            s("RandomAccessFile_r_read", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> new RandomAccessFile(f.toFile(), "r").close(),
                        expect(f, READ));
            }),
            s("RandomAccessFile_rw_new_create", d -> {
                Path f = d.resolve("new");
                return new Case(() -> new RandomAccessFile(f.toFile(), "rw").close(),
                        expect(f, CREATE));
            }),
            s("RandomAccessFile_rw_existing_readWrite", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> new RandomAccessFile(f.toFile(), "rw").close(),
                        expect(f, READ, f, WRITE));
            }),
            s("Files_readAllBytes_read", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> Files.readAllBytes(f), expect(f, READ));
            }),
            s("Files_readAllBytes_missing_probeMissing", d -> {
                Path f = d.resolve("absent");
                return new Case(() -> {
                    try {
                        Files.readAllBytes(f);
                    } catch (IOException expected) {
                        // the probe is the point
                    }
                }, expect(f, PROBE_MISSING));
            }),
            s("Files_newBufferedReader_read", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> Files.newBufferedReader(f).close(), expect(f, READ));
            }),
            s("Files_lines_read", d -> {
                Path f = file(d, "f", "x\ny");
                return new Case(() -> {
                    try (Stream<String> l = Files.lines(f)) {
                        l.count();
                    }
                }, expect(f, READ));
            }),
            s("Files_write_new_create", d -> {
                Path f = d.resolve("new");
                return new Case(() -> Files.write(f, new byte[] {1}), expect(f, CREATE));
            }),
            s("Files_write_existing_write", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> Files.write(f, new byte[] {1}), expect(f, WRITE));
            }),
            s("Files_newOutputStream_new_create", d -> {
                Path f = d.resolve("new");
                return new Case(() -> {
                    try (OutputStream o = Files.newOutputStream(f)) {
                        o.write(1);
                    }
                }, expect(f, CREATE));
            }),
            s("Files_list_listDir", d -> {
                file(d, "f", "x");
                return new Case(() -> {
                    try (Stream<Path> l = Files.list(d)) {
                        l.count();
                    }
                }, expect(d, LIST_DIR));
            }),
            s("Files_walk_listsEveryDir", d -> {
                Path sub = Files.createDirectories(d.resolve("sub"));
                file(sub, "f", "x");
                return new Case(() -> {
                    try (Stream<Path> w = Files.walk(d)) {
                        w.count();
                    }
                }, expect(d, LIST_DIR, sub, LIST_DIR));
            }),
            s("Files_newDirectoryStream_listDir", d -> {
                file(d, "f", "x");
                return new Case(() -> {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                        ds.forEach(p -> { });
                    }
                }, expect(d, LIST_DIR));
            }),
            s("Files_exists_stat", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> Files.exists(f), expect(f, STAT));
            }),
            s("Files_exists_missing_probeMissing", d -> {
                Path f = d.resolve("absent");
                return new Case(() -> Files.exists(f), expect(f, PROBE_MISSING));
            }),
            s("Files_isDirectory_stat", d -> new Case(() -> Files.isDirectory(d), expect(d, STAT))),
            s("Files_isRegularFile_missing_probeMissing", d -> {
                Path f = d.resolve("absent");
                return new Case(() -> Files.isRegularFile(f), expect(f, PROBE_MISSING));
            }),
            s("Files_size_stat", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> Files.size(f), expect(f, STAT));
            }),
            s("Files_delete_delete", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> Files.delete(f), expect(f, DELETE));
            }),
            s("Files_deleteIfExists_missing_probeMissing", d -> {
                Path f = d.resolve("absent");
                return new Case(() -> Files.deleteIfExists(f), expect(f, PROBE_MISSING));
            }),
            s("Files_createDirectories_mkdirEach", d -> {
                Path a = d.resolve("a");
                Path b = a.resolve("b");
                return new Case(() -> Files.createDirectories(b), expect(a, MKDIR, b, MKDIR));
            }),
            s("Files_copy_readSourceCreateTarget", d -> {
                Path src = file(d, "src", "x");
                Path dst = d.resolve("dst");
                return new Case(() -> Files.copy(src, dst), expect(src, READ, dst, CREATE));
            }),
            s("Files_move_rename", d -> {
                Path src = file(d, "src", "x");
                Path dst = d.resolve("dst");
                return new Case(() -> Files.move(src, dst),
                        expect(src, RENAME_FROM, dst, RENAME_TO));
            }),
            s("FileChannel_open_read", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> FileChannel.open(f).close(), expect(f, READ));
            }),
            s("FileChannel_open_writeExistingNoTruncate_readAndWrite", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> FileChannel.open(f, StandardOpenOption.WRITE).close(),
                        expect(f, READ, f, WRITE));
            }),
            s("Files_writeString_append_readAndWrite", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> Files.writeString(f, "y", StandardOpenOption.APPEND),
                        expect(f, READ, f, WRITE));
            }),
            s("FileChannel_open_createWrite_create", d -> {
                Path f = d.resolve("new");
                return new Case(() -> FileChannel.open(f, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE).close(), expect(f, CREATE));
            }),
            s("File_exists_stat", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> f.toFile().exists(), expect(f, STAT));
            }),
            s("File_exists_missing_probeMissing", d -> {
                Path f = d.resolve("absent");
                return new Case(() -> f.toFile().exists(), expect(f, PROBE_MISSING));
            }),
            s("File_isDirectory_length_stat", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> {
                    d.toFile().isDirectory();
                    f.toFile().length();
                }, expect(d, STAT, f, STAT));
            }),
            s("File_list_listDir", d -> {
                file(d, "f", "x");
                return new Case(() -> d.toFile().list(), expect(d, LIST_DIR));
            }),
            s("File_listFiles_listDir", d -> {
                file(d, "f", "x");
                return new Case(() -> d.toFile().listFiles(), expect(d, LIST_DIR));
            }),
            s("File_delete_delete", d -> {
                Path f = file(d, "f", "x");
                return new Case(() -> f.toFile().delete(), expect(f, DELETE));
            }),
            s("File_mkdirs_mkdirEach", d -> {
                Path a = d.resolve("a");
                Path b = a.resolve("b");
                return new Case(() -> b.toFile().mkdirs(), expect(a, MKDIR, b, MKDIR));
            }),
            s("File_renameTo_rename", d -> {
                Path src = file(d, "src", "x");
                Path dst = d.resolve("dst");
                return new Case(() -> src.toFile().renameTo(dst.toFile()),
                        expect(src, RENAME_FROM, dst, RENAME_TO));
            }),
            s("File_createNewFile_create", d -> {
                Path f = d.resolve("new");
                return new Case(() -> f.toFile().createNewFile(), expect(f, CREATE));
            }),
            s("File_relativePath_isAbsoluteNormalised", d -> {
                Path f = file(d, "f", "x");
                String relative = Path.of("").toAbsolutePath().relativize(f).toString();
                return new Case(() -> new FileInputStream(new File(relative)).close(),
                        expect(f, READ));
            }),
            s("ZipFile_read", d -> {
                Path z = zip(d);
                return new Case(() -> new ZipFile(z.toFile()).close(), expect(z, READ));
            }),
            s("JarFile_read", d -> {
                Path z = zip(d);
                return new Case(() -> new JarFile(z.toFile()).close(), expect(z, READ));
            }),
            s("ZipFile_openedTwice_secondStillRead", d -> {
                Path z = zip(d);
                ZipFile first = new ZipFile(z.toFile());
                return new Case(() -> {
                    try {
                        new ZipFile(z.toFile()).close();
                    } finally {
                        first.close();
                    }
                }, expect(z, READ));
            }));
    }
}
