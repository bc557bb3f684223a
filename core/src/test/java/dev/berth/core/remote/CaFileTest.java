package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CA file that cannot serve is named when the client is built, not at the first TLS handshake. */
class CaFileTest {
  @TempDir Path tmp;

  @Test
  void aMissingCaFileIsNamedAsMissing() {
    Path missing = tmp.resolve("ca.pem");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> RegistryClient.builder().caFile(missing).build());
    assertTrue(e.getMessage().contains(missing + ": CA file does not exist"), e.getMessage());
  }

  @Test
  void aFileWithoutCertificatesIsNamedAsSuch() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> RegistryClient.builder().caFile(empty).build());
    assertTrue(e.getMessage().contains("CA file " + empty), e.getMessage());
  }
}
