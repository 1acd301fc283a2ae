package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAndListingTest {
    @TempDir
    Path dir;
    LocalStore store;

    @BeforeEach
    void open() throws IOException {
        store = LocalStore.open(dir, new TestClock());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void entriesAndManifests_listWhatIsStored() throws IOException {
        Entry e = Samples.fileEntry(store, "/o/a", new byte[100]);
        Digest id = store.putEntry(e);
        store.addCandidate(Samples.key("k"), new Manifest.Candidate(Samples.inputs(1), id));
        List<EntryInfo> entries = store.entries();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).id()).isEqualTo(id);
        assertThat(entries.get(0).bytes()).isGreaterThan(100);
        List<ManifestInfo> manifests = store.manifests();
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).actionKey()).isEqualTo(Samples.key("k"));
        assertThat(manifests.get(0).manifest().candidates()).hasSize(1);
    }

    @Test
    void verify_damagedBlob_reportsThenRepairsBlobEntryAndCandidate() throws IOException {
        Entry good = Samples.fileEntry(store, "/o/good", new byte[] {1, 2, 3});
        Entry bad = Samples.fileEntry(store, "/o/bad", new byte[] {4, 5, 6});
        Digest goodId = store.putEntry(good);
        Digest badId = store.putEntry(bad);
        Digest key = Samples.key("v");
        store.addCandidate(key, new Manifest.Candidate(Samples.inputs(1), goodId));
        store.addCandidate(key, new Manifest.Candidate(Samples.inputs(2), badId));
        BlobRef badBlob = EntryCodec.blobs(bad).get(0);
        String hex = badBlob.digest().hex();
        LocalStoreBlobTest.flipByte(dir.resolve("v1/cas").resolve(hex.substring(0, 2))
                .resolve(hex), 1);

        assertThat(store.verify(VerifyMode.REPORT).problems()).hasSize(3);
        VerifyReport repaired = store.verify(VerifyMode.REPAIR);
        assertThat(repaired.removed()).isEqualTo(3);
        VerifyReport after = store.verify(VerifyMode.REPORT);
        assertThat(after.clean()).isTrue();
        assertThat(after.entriesChecked()).isEqualTo(1);
        assertThat(store.readManifest(key).candidates()).extracting(Manifest.Candidate::entry)
                .containsExactly(goodId);
        assertThat(store.readEntry(badId)).isNull();
    }
}
