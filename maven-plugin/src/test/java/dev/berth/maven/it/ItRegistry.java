package dev.berth.maven.it;

import dev.berth.artifacts.archive.TarArchiver;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Target;
import dev.berth.core.remote.RegistryClient;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import dev.berth.testkit.TokenServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The registry the plugin's integration tests (the sample builds under src/it) publish to: a real
 * docker-registry with token auth, where user {@code ci} may push and pull and anyone may pull (so Helm
 * reads charts back without logging in, and a build without the settings.xml server is refused).
 *
 * <p>exec-maven-plugin runs {@code reset}, then {@code serve} in the background, {@code await} until it is up, and {@code
 * stop} after the sample builds. They talk through files in STATE: {@code ready} (the host), {@code
 * failed} (why it did not start), {@code stop} (asked to stop), {@code stopped}.
 */
public final class ItRegistry {
  /** The longest a registry lives, should the build that started it never ask it to stop. */
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(30);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private ItRegistry() {}

  /** {@code reset STATE}, {@code serve STATE PORT TOKEN}, {@code await STATE} or {@code stop STATE}. */
  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[1]);
    switch (args[0]) {
      case "serve" -> serve(state, Integer.parseInt(args[2]), args[3]);
      case "reset" -> reset(state);
      case "await" -> await(state);
      case "stop" -> stop(state);
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static void serve(Path state, int port, String token) throws Exception {
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    try (TestPki pki = TestPki.create();
         TokenServer tokens = TokenServer.builder().pki(pki).user("ci", token)
             .grant("ci", "*", "pull", "push").anonymousGrant("*", "pull").start();
         RegistryServer registry = RegistryServer.builder().tokenAuth(tokens).port(port).start()) {
      RegistryClient client = RegistryClient.builder().plainHttp(registry.host())
          .credentials(CredentialProvider.of(Credential.basic("ci", token))).build();
      pushBaseImage(client.repository(registry.host() + "/base/tiny"), "1");
      Files.writeString(state.resolve("ready"), registry.host());
      Instant end = Instant.now().plus(MAX_LIFETIME);
      while (!Files.exists(state.resolve("stop")) && Instant.now().isBefore(end)
          && parent.map(ProcessHandle::isAlive).orElse(true)) {
        Thread.sleep(200);
      }
    } catch (Exception | Error e) {
      Files.writeString(state.resolve("failed"), e.toString());
      throw e;
    }
    Files.writeString(state.resolve("stopped"), "");
  }

  private static void reset(Path state) throws IOException {
    Files.createDirectories(state);
    for (String f : List.of("ready", "failed", "stop", "stopped")) {
      Files.deleteIfExists(state.resolve(f));
    }
  }

  private static void await(Path state) throws Exception {
    Instant end = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(end)) {
      if (Files.exists(state.resolve("failed"))) {
        throw new IllegalStateException("the test registry did not start: " + Files.readString(state.resolve("failed")));
      }
      if (Files.exists(state.resolve("ready"))) {
        System.out.println("test registry at " + Files.readString(state.resolve("ready")));
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the test registry did not start within " + START_TIMEOUT.toSeconds() + " s");
  }

  private static void stop(Path state) throws Exception {
    if (!Files.exists(state.resolve("ready"))) {
      return;
    }
    Files.writeString(state.resolve("stop"), "");
    Instant end = Instant.now().plus(STOP_TIMEOUT);
    while (!Files.exists(state.resolve("stopped")) && Instant.now().isBefore(end)) {
      Thread.sleep(100);
    }
  }

  /** A minimal linux/amd64 image (one layer, /etc/os-release) for berth:image to build on. */
  static Descriptor pushBaseImage(Target target, String tag) throws IOException {
    Path root = Files.createTempDirectory("berth-it-base");
    try {
      Files.writeString(Files.createDirectories(root.resolve("etc")).resolve("os-release"), "NAME=berth-it\n");
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      TarArchiver.Result tar = TarArchiver.builder().gzip(true).build().write(root, gz);
      Descriptor layer = Contents.pushBytes(target, MediaTypes.OCI_LAYER_TAR_GZIP, gz.toByteArray());
      String config = """
          {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/bin:/bin"]},\
          "rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"berth it fixture"}]}"""
          .formatted(tar.tarDigest());
      Descriptor configDesc = Contents.pushBytes(target, MediaTypes.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8));
      EncodedManifest manifest = EncodedManifest.of(Manifest.of(configDesc, List.of(layer)));
      Contents.pushManifest(target, manifest, tag);
      return manifest.descriptor();
    } finally {
      Files.deleteIfExists(root.resolve("etc/os-release"));
      Files.deleteIfExists(root.resolve("etc"));
      Files.deleteIfExists(root);
    }
  }
}
