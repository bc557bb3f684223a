package dev.berth.core.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.auth.AuthenticationException;
import dev.berth.core.AccessDeniedException;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.NotFoundException;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.SizeLimitExceededException;
import dev.berth.core.SizeMismatchException;
import dev.berth.core.content.ContentOpener;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.content.TransferRetries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransferRetriesTest {
  private static final byte[] CONTENT = "the blob's bytes, all of them".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor BLOB = Descriptor.of("application/octet-stream", CONTENT);

  static Stream<Arguments> failures() {
    Descriptor d = BLOB;
    return Stream.of(
        Arguments.of(new SocketException("Connection reset"), true),
        Arguments.of(new SocketTimeoutException("timeout"), true),
        Arguments.of(new IOException("unexpected end of stream"), true),
        Arguments.of(new DigestMismatchException(d, Digest.parse("sha256:" + "0".repeat(64))), true),
        Arguments.of(new SizeMismatchException(d, 3), true),
        Arguments.of(registryError(503), true),
        Arguments.of(registryError(500), true),
        Arguments.of(registryError(429), true),
        Arguments.of(registryError(408), true),
        Arguments.of(registryError(501), false),
        Arguments.of(registryError(400), false),
        Arguments.of(new NotFoundException("blob not found"), false),
        Arguments.of(new AccessDeniedException("push access denied"), false),
        Arguments.of(new SizeLimitExceededException("manifest", 4), false),
        Arguments.of(new AuthenticationException(AuthenticationException.Reason.CREDENTIALS_REFUSED, "no"), false),
        Arguments.of(new UnknownHostException("registry.invalid"), false),
        Arguments.of(new InterruptedIOException("interrupted"), false),
        Arguments.of(new NoSuchFileException("/tmp/x"), false));
  }

  private static RegistryErrorException registryError(int status) {
    return new RegistryErrorException("PUT", "https://r/v2/a/blobs/uploads/x", status, List.of());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("failures")
  void retriesOnlyWhatAnotherTryCanFix(IOException failure, boolean worthRetrying) {
    assertEquals(worthRetrying, TransferRetries.isWorthRetrying(failure));
  }

  @Test
  void aBrokenUploadIsRedoneWithTheContentOpenedAgain() throws IOException {
    MemoryStore store = new MemoryStore();
    AtomicInteger opened = new AtomicInteger();
    TransferRetries.push(store, BLOB, () -> opened.incrementAndGet() <= 2 ? breaksHalfway() : content());
    assertEquals(3, opened.get());
    assertArrayEquals(CONTENT, store.fetch(BLOB).readAllBytes());
  }

  @Test
  void aBlobThatKeepsFailingIsGivenUpAfterFiveTriesWithEveryFailureKept() {
    MemoryStore store = new MemoryStore();
    AtomicInteger opened = new AtomicInteger();
    IOException e = assertThrows(IOException.class, () -> TransferRetries.push(store, BLOB, () -> {
      opened.incrementAndGet();
      return breaksHalfway();
    }));
    assertEquals(TransferRetries.ATTEMPTS, opened.get());
    int chain = 0;
    for (Throwable t = e; t.getSuppressed().length > 0; t = t.getSuppressed()[0]) {
      chain++;
    }
    assertEquals(TransferRetries.ATTEMPTS - 1, chain);
    assertFalse(store.exists(BLOB));
  }

  @Test
  void aFailureAnotherTryCannotFixIsNotRetried() {
    AtomicInteger opened = new AtomicInteger();
    assertThrows(NotFoundException.class, () -> TransferRetries.push(new MemoryStore(), BLOB, () -> {
      opened.incrementAndGet();
      throw new NotFoundException("gone from the source");
    }));
    assertEquals(1, opened.get());
  }

  @Test
  void aCorruptedDownloadIsFetchedAgain(@TempDir Path dir) throws IOException {
    AtomicInteger fetched = new AtomicInteger();
    ReadOnlyStorage flaky = storage(() -> fetched.incrementAndGet() == 1 ? corrupted() : content());
    Path file = dir.resolve("blob");
    TransferRetries.fetchTo(flaky, BLOB, file);
    assertEquals(2, fetched.get());
    assertArrayEquals(CONTENT, Files.readAllBytes(file));
  }

  @Test
  void aDownloadThatNeverArrivesWholeLeavesNoFile(@TempDir Path dir) {
    Path file = dir.resolve("blob");
    assertThrows(DigestMismatchException.class,
        () -> TransferRetries.fetchTo(storage(TransferRetriesTest::corrupted), BLOB, file));
    assertFalse(Files.exists(file));
  }

  private static InputStream content() {
    return new ByteArrayInputStream(CONTENT);
  }

  private static InputStream corrupted() {
    byte[] bad = CONTENT.clone();
    bad[5] ^= 1;
    return new ByteArrayInputStream(bad);
  }

  /** Yields half the content, then fails as a reset connection does. */
  private static InputStream breaksHalfway() {
    return new InputStream() {
      private int pos;

      @Override
      public int read() throws IOException {
        if (pos >= CONTENT.length / 2) {
          throw new SocketException("Connection reset");
        }
        return CONTENT[pos++] & 0xff;
      }
    };
  }

  /** A storage whose every fetch of {@link #BLOB} opens {@code opener} (unverified: fetchTo must verify). */
  private static ReadOnlyStorage storage(ContentOpener opener) {
    return new ReadOnlyStorage() {
      @Override
      public InputStream fetch(Descriptor target) throws IOException {
        return opener.open();
      }

      @Override
      public boolean exists(Descriptor target) {
        return true;
      }
    };
  }
}
