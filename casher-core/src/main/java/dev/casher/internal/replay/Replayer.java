package dev.casher.internal.replay;

import dev.casher.internal.lookup.FileDigester;
import dev.casher.internal.record.StreamTag;
import dev.casher.internal.store.BlobRef;
import dev.casher.internal.store.CacheStore;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.Output;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replays an entry: restores its outputs atomically and writes its captured stdout/stderr in the
 * recorded order. Thread-safe (stateless apart from its collaborators).
 *
 * <p>Safety (DESIGN rule 5): every output path is checked to be absolute and normalised before
 * anything is written; files are written to a temporary name in the target directory and renamed
 * over the target, so a symlink planted at an output path is replaced, never followed. A file
 * that already holds the recorded content is left alone (no rewrite, mtime kept).
 *
 * <p>A replay never removes more than the command did: a recorded deletion removes one file,
 * link or empty directory, never a tree; a directory that still holds something the command did
 * not remove (or that a file output would replace) stops the replay with an
 * {@link UnsafeEntryException}, so the command runs again instead.
 *
 * <p>No output is written or deleted below a directory that is a symbolic link now: the replay
 * stops and the command runs again (a check of each parent with {@code lstat} before the write).
 *
 * <p>Temporary siblings are named {@code .casher-PID-HEX.tmp}: one left by a killed restore
 * (its process gone) is removed the next time a file is restored into that directory.
 */
public final class Replayer {
    private final CacheStore store;
    private final FileDigester digester;

    public Replayer(CacheStore store, FileDigester digester) {
        this.store = store;
        this.digester = digester;
    }

    /** Checks every output path of {@code entry}; throws {@link UnsafeEntryException} if any is unsafe. */
    public static void checkPaths(Entry entry) throws UnsafeEntryException {
        for (Output o : entry.outputs()) {
            checkPath(o.path());
        }
    }

    /** Throws unless {@code path} is absolute, normalised and free of {@code .}/{@code ..}. */
    public static void checkPath(String path) throws UnsafeEntryException {
        Path p;
        try {
            p = Path.of(path);
        } catch (RuntimeException e) {
            throw new UnsafeEntryException("output path is not a valid path: " + path);
        }
        if (!p.isAbsolute() || !p.normalize().toString().equals(path) || p.getParent() == null) {
            throw new UnsafeEntryException("output path is not absolute and normalised: " + path);
        }
        for (Path part : p) {
            String s = part.toString();
            if (s.equals("..") || s.equals(".")) {
                throw new UnsafeEntryException("output path contains '" + s + "': " + path);
            }
        }
    }

    /**
     * Restores every output of {@code entry}: directories first, then files and links, then
     * deletions (deepest first). Throws on the first failure; outputs already restored stay (each
     * is complete: atomic per path).
     */
    // A class, not Comparator.comparingInt with a lambda: replay runs on every command-line hit,
    // where a JVM's first lambda costs milliseconds of start-up.
    private static final Comparator<Output> BY_PATH_LENGTH = new Comparator<>() {
        @Override
        public int compare(Output a, Output b) {
            return Integer.compare(a.path().length(), b.path().length());
        }
    };

    public void restoreOutputs(Entry entry) throws IOException {
        checkPaths(entry);
        List<Output> dirs = new ArrayList<>();
        List<Output> rest = new ArrayList<>();
        List<Output> deletions = new ArrayList<>();
        for (Output o : entry.outputs()) {
            if (o instanceof Output.Directory) {
                dirs.add(o);
            } else if (o instanceof Output.Deleted) {
                deletions.add(o);
            } else {
                rest.add(o);
            }
        }
        dirs.sort(BY_PATH_LENGTH); // parents first
        deletions.sort(Collections.reverseOrder(BY_PATH_LENGTH)); // children first
        for (Output o : dirs) {
            restoreDirectory((Output.Directory) o);
        }
        for (Output o : rest) {
            if (o instanceof Output.File f) {
                restoreFile(f);
            } else {
                restoreSymlink((Output.Symlink) o);
            }
        }
        for (Output o : deletions) {
            delete(Path.of(o.path()));
        }
    }

    /** Writes the captured stdout/stderr chunks of {@code entry} to {@code out} and {@code err}. */
    public void replayStreams(Entry entry, OutputStream out, OutputStream err) throws IOException {
        if (entry.streams() == null) {
            return;
        }
        writeStreams(entry, store.readBytes(entry.streams()), out, err);
    }

    /**
     * Writes {@code all}, the verified bytes of {@code entry}'s streams blob, chunk by chunk to
     * {@code out} and {@code err}. Callers that must fail before any side effect read the blob
     * first and call this last.
     */
    public static void writeStreams(Entry entry, byte[] all, OutputStream out, OutputStream err)
            throws IOException {
        if (all == null) {
            return;
        }
        int pos = 0;
        for (Entry.Chunk c : entry.chunks()) {
            OutputStream target = c.stream() == StreamTag.STDOUT ? out : err;
            target.write(all, pos, (int) c.length());
            // Flush per chunk: the two streams interleave in recorded order only if neither buffers.
            target.flush();
            pos += (int) c.length();
        }
    }

    private void restoreDirectory(Output.Directory d) throws IOException {
        Path p = Path.of(d.path());
        FileStat st = FileStat.of(p, false);
        if (st != null && st.isDirectory()) {
            return;
        }
        checkParents(p);
        if (st != null) {
            delete(p);
        }
        Files.createDirectories(p.getParent());
        Files.createDirectory(p);
        setMode(p, d.mode());
    }

    private void restoreFile(Output.File f) throws IOException {
        Path target = Path.of(f.path());
        FileStat st = FileStat.of(target, false);
        if (st != null && st.isRegularFile() && st.size() == f.blob().size()
                && st.permissions() == (f.mode() & 07777)
                && digester.digest(target, st).equals(f.blob().digest())) {
            return;
        }
        Path parent = target.getParent();
        checkParents(target);
        Files.createDirectories(parent);
        TempLitter.sweep(parent);
        Path tmp = tempSibling(target);
        try {
            store.copyTo(f.blob(), tmp);
            setMode(tmp, f.mode());
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void restoreSymlink(Output.Symlink s) throws IOException {
        Path target = Path.of(s.path());
        checkParents(target);
        Files.createDirectories(target.getParent());
        Path tmp = tempSibling(target);
        try {
            Files.createSymbolicLink(tmp, Path.of(s.target()));
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        FileStat existing = FileStat.of(to, false);
        if (existing != null && existing.isDirectory()) {
            deleteOne(to);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void delete(Path p) throws IOException {
        FileStat st = FileStat.of(p, false);
        if (st == null) {
            return;
        }
        checkParents(p);
        deleteOne(p);
    }

    /**
     * Refuses a restore below a symlinked directory: outputs are recorded at the path the command
     * wrote, so a link there now (planted, or made since) would make the hit write or delete
     * where the recorded run did not. The command runs again instead (and does what it does).
     */
    private static void checkParents(Path target) throws UnsafeEntryException {
        for (Path p = target.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            FileStat st;
            try {
                st = FileStat.of(p, false);
            } catch (IOException e) {
                continue; // not there yet: created below as a directory
            }
            if (st != null && st.isSymlink()) {
                throw new UnsafeEntryException("the directory " + p + " of output " + target
                        + " is now a symbolic link; a replay does not write through it");
            }
        }
    }

    /** Deletes a file, a link or an empty directory; a directory with anything in it is refused. */
    private static void deleteOne(Path p) throws IOException {
        try {
            Files.deleteIfExists(p);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw new UnsafeEntryException("replay would remove the directory " + p + " with files "
                    + "the recorded run did not remove");
        }
    }

    private static Path tempSibling(Path target) {
        return target.resolveSibling(TempLitter.PREFIX + TempLitter.PID + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    private static void setMode(Path p, int mode) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(order[i]);
            }
        }
        Files.setPosixFilePermissions(p, perms);
    }

}
