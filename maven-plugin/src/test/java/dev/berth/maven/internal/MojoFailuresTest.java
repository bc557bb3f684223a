package dev.berth.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.FileAlreadyExistsException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

class MojoFailuresTest {
  @Test
  void anAnonymousPushThatIsDeniedAsksForASettingsServer() {
    var d = MojoFailures.describe(new AuthenticationException(AuthenticationException.Reason.DENIED,
        "registry.example.com denied push on repository team/app"), "registry.example.com", true, true);
    assertEquals("registry.example.com denied push on repository team/app", d.message());
    assertTrue(d.hint().startsWith("add to settings.xml <servers>: <server><id>registry.example.com</id>"), d.hint());
  }

  @Test
  void aDeniedPushWithCredentialsOnGhcrSpeaksOfPackageScopes() {
    var d = MojoFailures.describe(new AuthenticationException(AuthenticationException.Reason.DENIED, "denied"),
        "ghcr.io", true, false);
    assertTrue(d.hint().contains("write:packages"), d.hint());
    assertTrue(d.hint().contains("permissions:"), d.hint());
  }

  @Test
  void onlyTheFirstLineOfAMessageReachesTheLog() {
    var d = MojoFailures.describe(new IOException("first line\nsecond line from a server"), null, false, false);
    assertEquals("first line", d.message());
    assertNull(d.hint());
    assertEquals("first line", d.text());
  }

  @Test
  void plainHttpAndRefusedConnectionsHaveMavenHints() {
    var tls = MojoFailures.describe(new IOException("x", new SSLException("Unsupported or unrecognized SSL message")),
        "localhost:5000", true, false);
    assertEquals("localhost:5000 does not speak TLS on that port", tls.message());
    assertEquals("for a plain-HTTP registry (a local one) add <plainHttp>localhost:5000</plainHttp>", tls.hint());
    var refused = MojoFailures.describe(new IOException("x", new ConnectException("Connection refused")),
        "localhost:5000", true, false);
    assertEquals("cannot connect to localhost:5000: Connection refused", refused.message());
  }

  @Test
  void anExistingFileNamesTheOverwriteParameter() {
    var d = MojoFailures.describe(new FileAlreadyExistsException("/out/app.json"), "h", false, false);
    assertEquals("already exists: /out/app.json", d.message());
    assertTrue(d.hint().contains("<overwrite>true</overwrite>"));
    assertEquals("already exists: /out/app.json\n  hint: " + d.hint(), d.text());
  }
}
