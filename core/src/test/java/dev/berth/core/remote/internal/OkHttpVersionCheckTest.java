package dev.berth.core.remote.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The real OkHttp 4.12.0 jar (copied to target/okhttp4 by the build) beside and instead of OkHttp 5. */
class OkHttpVersionCheckTest {
  private static final Path OKHTTP4 = Path.of("target/okhttp4/okhttp-4.12.0.jar");

  @Test
  void berthsOwnOkHttp5AlonePasses() {
    assertNull(OkHttpVersionCheck.problem(getClass().getClassLoader()));
    OkHttpVersionCheck.require();
  }

  @Test
  void okHttp4BesideOkHttp5IsRefusedNamingBothVersionsAndTheFix() throws Exception {
    try (URLClassLoader both = new URLClassLoader(new URL[] {okHttp4(), okHttp5()}, null)) {
      String problem = OkHttpVersionCheck.problem(both);
      assertTrue(problem.startsWith("OkHttp is on the class path more than once: OkHttp 4.12.0 ("), problem);
      assertTrue(problem.contains("okhttp-4.12.0.jar) and OkHttp 5."), problem);
      assertTrue(problem.contains("okhttp-jvm"), problem);
      assertTrue(problem.contains("exclude com.squareup.okhttp3:okhttp (4.x)"), problem);
      assertTrue(problem.contains("banDuplicateClasses"), problem);
    }
  }

  @Test
  void okHttp4AloneIsRefused() throws Exception {
    try (URLClassLoader old = new URLClassLoader(new URL[] {okHttp4()}, null)) {
      String problem = OkHttpVersionCheck.problem(old);
      assertTrue(problem.startsWith("berth needs OkHttp 5 (com.squareup.okhttp3:okhttp-jvm 5.x), but the class"
          + " path has OkHttp 4.12.0 ("), problem);
    }
  }

  @Test
  void noOkHttpAtAllIsNotThisChecksConcern() throws Exception {
    try (URLClassLoader none = new URLClassLoader(new URL[0], null)) {
      assertNull(OkHttpVersionCheck.problem(none));
    }
  }

  private static URL okHttp4() throws Exception {
    assertTrue(Files.isRegularFile(OKHTTP4), OKHTTP4 + " is copied there by the build");
    return OKHTTP4.toUri().toURL();
  }

  private static URL okHttp5() {
    return OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation();
  }
}
