package dev.berth.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code skopeo} (Debian package, 1.9) for interoperability tests: whatever berth
 * pushes, skopeo must read, and the other way round.
 *
 * <p>Image names use skopeo's transports: {@code docker://127.0.0.1:PORT/team/app:v1},
 * {@code oci:/path/to/layout:tag}. Pass TLS options as extra arguments, e.g.
 * {@code --src-tls-verify=false}, {@code --dest-tls-verify=false}, or
 * {@code "--src-cert-dir", pki.caCertDir().toString()}; credentials as
 * {@code "--dest-creds", "user:password"} (hidden in error messages). Every call runs with
 * {@code --insecure-policy} so no signature policy file is needed.
 */
public final class Skopeo {
  /** Where Debian installs skopeo. */
  public static final Path BINARY = Path.of("/usr/bin/skopeo");

  private final ProcessRunner runner;

  private Skopeo(ProcessRunner runner) {
    this.runner = runner;
  }

  /**
   * A wrapper with a 120 s timeout per call. Skips the calling test if skopeo is not installed
   * (CI installs the skopeo package).
   */
  public static Skopeo create() {
    Assumptions.assumeTrue(isInstalled(), "skopeo is not installed at " + BINARY
        + " (apt-get install skopeo; CI installs it)");
    return new Skopeo(ProcessRunner.withTimeout(Duration.ofSeconds(120)));
  }

  /** Whether skopeo is installed. */
  public static boolean isInstalled() {
    return Files.isExecutable(BINARY);
  }

  /** A copy with another per-call timeout. */
  public Skopeo withTimeout(Duration timeout) {
    return new Skopeo(ProcessRunner.withTimeout(timeout));
  }

  /** A copy that sets environment variables, e.g. {@code REGISTRY_AUTH_FILE}. */
  public Skopeo withEnvironment(Map<String, String> env) {
    return new Skopeo(runner.withEnvironment(env));
  }

  /** {@code skopeo copy [extraArgs] SRC DST}; returns stdout. */
  public String copy(String source, String destination, String... extraArgs) throws IOException {
    return run(command("copy", extraArgs, source, destination));
  }

  /** {@code skopeo inspect [extraArgs] IMAGE}: skopeo's JSON summary (digest, layers, labels...). */
  public String inspect(String image, String... extraArgs) throws IOException {
    return run(command("inspect", extraArgs, image));
  }

  /** {@code skopeo inspect --raw [extraArgs] IMAGE}: the manifest bytes exactly as served. */
  public String inspectRaw(String image, String... extraArgs) throws IOException {
    return run(command("inspect", concat(new String[] {"--raw"}, extraArgs), image));
  }

  /** {@code skopeo inspect --config --raw [extraArgs] IMAGE}: the image config bytes. */
  public String inspectConfig(String image, String... extraArgs) throws IOException {
    return run(command("inspect", concat(new String[] {"--config", "--raw"}, extraArgs), image));
  }

  /** {@code skopeo list-tags [extraArgs] REPOSITORY}: JSON with a {@code Tags} array. */
  public String listTags(String repository, String... extraArgs) throws IOException {
    return run(command("list-tags", extraArgs, repository));
  }

  /** {@code skopeo delete [extraArgs] IMAGE}. */
  public String delete(String image, String... extraArgs) throws IOException {
    return run(command("delete", extraArgs, image));
  }

  /** Runs {@code skopeo --insecure-policy ARGS...}; returns stdout or throws with stderr. */
  public String run(String... args) throws IOException {
    return run(List.of(args));
  }

  private String run(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--insecure-policy");
    command.addAll(args);
    return runner.runChecked(command);
  }

  private static List<String> command(String verb, String[] extraArgs, String... positional) {
    List<String> args = new ArrayList<>();
    args.add(verb);
    args.addAll(List.of(extraArgs));
    args.addAll(List.of(positional));
    return args;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
