package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects built without a client share the process's one (one pool, one dispatcher), not a new one each. */
class SharedHttpClientTest {
  @TempDir Path dir;

  @Test
  void interceptorsAndLoginsWithoutAClientShareTheDefaultOne() {
    assertSame(SharedHttpClient.get(), AuthInterceptor.builder().build().tokenClient());
    assertSame(AuthInterceptor.builder().build().tokenClient(), AuthInterceptor.builder().build().tokenClient());
    assertSame(SharedHttpClient.get(), Login.builder().config(DockerConfig.at(dir.resolve("c.json"))).build().client());
  }
}
