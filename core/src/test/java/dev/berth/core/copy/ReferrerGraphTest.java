package dev.berth.core.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.content.Fixtures;
import dev.berth.core.content.MemoryStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A copy with referrers where a referrer's own graph holds its subject (a hostile or just odd source:
 * an attestation that lists the image it attests as a layer). Content-addressed, this is no loop, and
 * the copy completes; before, the subject waited on its referrer while the referrer waited on the
 * subject, and the copy hung for ever (the timeout bounds that).
 */
class ReferrerGraphTest {
  private final MemoryStore src = new MemoryStore();
  private final MemoryStore dst = new MemoryStore();
  private final Fixtures fixtures = new Fixtures(13);

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aReferrerWhoseGraphHoldsItsSubjectIsCopiedWithoutAHang() throws IOException {
    EncodedManifest subject = fixtures.image(src, 2);
    Fixtures.push(src, dev.berth.core.MediaTypes.OCI_EMPTY, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    EncodedManifest referrer = EncodedManifest.of(Manifest.artifact("application/vnd.example.attestation",
        List.of(subject.descriptor())).withSubject(subject.descriptor()));
    Fixtures.push(src, referrer);
    EncodedManifest referrerOfReferrer = EncodedManifest.of(Manifest.artifact("application/vnd.example.sig",
        List.of(subject.descriptor(), referrer.descriptor())).withSubject(referrer.descriptor()));
    Fixtures.push(src, referrerOfReferrer);

    Copier.copyGraph(src, dst, subject.descriptor(), CopyOptions.builder().includeReferrers(true).build());

    assertTrue(dst.exists(subject.descriptor()));
    assertTrue(dst.exists(referrer.descriptor()));
    assertTrue(dst.exists(referrerOfReferrer.descriptor()));
    assertEquals(List.of(referrer.descriptor().digest()),
        dst.referrers(subject.descriptor(), null).stream().map(Descriptor::digest).toList());
  }
}
