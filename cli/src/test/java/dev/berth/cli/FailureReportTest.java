package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.AccessDeniedException;
import dev.berth.core.NotFoundException;
import dev.berth.core.UnauthorizedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureReportTest {
  private static final FailureContext GHCR_PUSH = new FailureContext("ghcr.io", true, "ghcr.io/o/app", false);
  private static final FailureContext GHCR_PULL = new FailureContext("ghcr.io", false, "ghcr.io/o/app", false);
  private static final FailureContext LOCAL_PULL = new FailureContext("localhost:5000", false, "localhost:5000/app", false);

  @Test
  void unauthorizedPushToGhcrNamesTheWriteScopeAndActionsPermission() {
    Failure f = FailureReport.describe(new UnauthorizedException("401 from ghcr.io"), GHCR_PUSH);
    assertEquals(ExitCodes.AUTH, f.exitCode());
    assertTrue(f.hint().contains("write:packages"), f.hint());
    assertTrue(f.hint().contains("permissions: packages: write"), f.hint());
  }

  @Test
  void aMissingPlatformNamesThePlatformOptionAndWhatIsOnOffer() {
    Failure f = FailureReport.describe(new dev.berth.artifacts.image.NoMatchingPlatformException(
        "no image for platform linux/s390x", dev.berth.core.Platform.parse("linux/s390x"),
        java.util.List.of(dev.berth.core.Platform.parse("linux/amd64"), dev.berth.core.Platform.parse("linux/arm64"))),
        LOCAL_PULL);
    assertEquals(ExitCodes.NOT_FOUND, f.exitCode());
    assertEquals("choose with --platform, one of: linux/amd64, linux/arm64", f.hint());
  }

  @Test
  void unauthorizedPullFromGhcrNamesTheReadScope() {
    Failure f = FailureReport.describe(new UnauthorizedException("401"), GHCR_PULL);
    assertTrue(f.hint().contains("read:packages"), f.hint());
  }

  @Test
  void deniedPushToGhcrExplainsPackageAccess() {
    Failure f = FailureReport.describe(new AccessDeniedException("denied"), GHCR_PUSH);
    assertEquals(ExitCodes.AUTH, f.exitCode());
    assertTrue(f.hint().contains("Manage Actions access"), f.hint());
  }

  @Test
  void anonymousRequestDeniedByATokenRegistrySuggestsLogin() {
    Failure f = FailureReport.describe(new AccessDeniedException("denied"), LOCAL_PULL.withAnonymous(true));
    assertEquals(ExitCodes.AUTH, f.exitCode());
    assertTrue(f.hint().contains("berth login localhost:5000"), f.hint());
  }

  @Test
  void unauthorizedElsewhereSuggestsLogin() {
    Failure f = FailureReport.describe(new UnauthorizedException("401"), LOCAL_PULL);
    assertTrue(f.hint().contains("berth login localhost:5000"), f.hint());
  }

  @Test
  void notFoundSuggestsListingTags() {
    Failure f = FailureReport.describe(new NotFoundException("manifest unknown: v9"), LOCAL_PULL);
    assertEquals(ExitCodes.NOT_FOUND, f.exitCode());
    assertEquals("manifest unknown: v9", f.message());
    assertEquals("list the tags with: berth tags localhost:5000/app", f.hint());
  }

  @Test
  void certificateFailureSuggestsCaFile() {
    IOException e = new IOException("call failed",
        new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"));
    Failure f = FailureReport.describe(e, LOCAL_PULL);
    assertEquals(ExitCodes.NETWORK, f.exitCode());
    assertTrue(f.message().startsWith("TLS verification with localhost:5000 failed"), f.message());
    assertTrue(f.hint().contains("--ca-file"), f.hint());
  }

  @Test
  void plainHttpRegistrySpokenToWithTlsSuggestsPlainHttp() {
    Failure f = FailureReport.describe(new SSLException("Unsupported or unrecognized SSL message"), LOCAL_PULL);
    assertTrue(f.hint().contains("--plain-http"), f.hint());
  }

  @Test
  void connectionRefusedIsANetworkFailure() {
    Failure f = FailureReport.describe(new ConnectException("Connection refused"), LOCAL_PULL);
    assertEquals(ExitCodes.NETWORK, f.exitCode());
    assertEquals("cannot connect to localhost:5000: Connection refused", f.message());
  }

  @Test
  void badArgumentIsAUsageError() {
    Failure f = FailureReport.describe(new IllegalArgumentException("invalid tag \"-x\""), FailureContext.NONE);
    assertEquals(ExitCodes.USAGE, f.exitCode());
    assertNull(f.hint());
  }

  @Test
  void missingLocalFileIsNamed() {
    Failure f = FailureReport.describe(new NoSuchFileException("chart.tgz"), FailureContext.NONE);
    assertEquals("no such file or directory: chart.tgz", f.message());
  }

  @Test
  void refusedConnectionNamesTheAddressOkHttpTriedNotTheContextsHost() {
    // cp A B: the context names A (opened last), but it was B that refused.
    ConnectException okhttp = new ConnectException("Failed to connect to /127.0.0.1:1");
    okhttp.initCause(new ConnectException("Connection refused"));
    Failure f = FailureReport.describe(new IOException("call failed", okhttp), LOCAL_PULL);
    assertEquals("cannot connect to 127.0.0.1:1: Connection refused", f.message());
    assertEquals("localhost:5000", FailureReport.connectTarget(
        new ConnectException("Failed to connect to localhost/127.0.0.1:5000"), "x"));
  }

  @Test
  void uncheckedIoIsReportedAsItsCauseWithoutAClassName() {
    Failure f = FailureReport.describe(new UncheckedIOException(new NoSuchFileException("ca.pem")), FailureContext.NONE);
    assertEquals("no such file or directory: ca.pem", f.message());
  }

  @Test
  void refusalToReplaceAFileNamesTheOverwriteFlag() {
    Failure f = FailureReport.describe(new FileAlreadyExistsException("/out/app.wasm", null,
        "already exists; pass overwrite to replace it"), FailureContext.NONE);
    assertEquals(ExitCodes.FAILURE, f.exitCode());
    assertEquals("already exists: /out/app.wasm", f.message());
    assertTrue(f.hint().contains("--overwrite"), f.hint());
  }

  @Test
  void fileSystemErrorWithoutAReasonIsMoreThanABarePath() {
    Failure f = FailureReport.describe(new FileSystemException("/out/x"), FailureContext.NONE);
    assertEquals("file system error: /out/x", f.message());
    Failure notDir = FailureReport.describe(new NotDirectoryException("/out/file"), FailureContext.NONE);
    assertEquals("not a directory: /out/file", notDir.message());
  }

  @Test
  void multiLineMessagesAreCutToTheFirstLine() {
    Failure f = FailureReport.describe(new IOException("first\nsecond"), FailureContext.NONE);
    assertEquals("first", f.message());
  }
}
