package dev.berth.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code umoci} (Debian package, 0.4.7) on OCI image layout directories, to check
 * that layouts berth writes are valid and to build layouts for berth to read.
 *
 * <p>Everything that touches file ownership runs with {@code --rootless}, so tests need no root
 * and unpacked files belong to the test user.
 */
public final class Umoci {
  /** Where Debian installs umoci. */
  public static final Path BINARY = Path.of("/usr/bin/umoci");

  private final ProcessRunner runner;

  private Umoci(ProcessRunner runner) {
    this.runner = runner;
  }

  /** A wrapper with a 120 s timeout per call; skips the calling test if umoci is not installed. */
  public static Umoci create() {
    Assumptions.assumeTrue(isInstalled(), "umoci is not installed at " + BINARY
        + " (apt-get install umoci; CI installs it)");
    return new Umoci(ProcessRunner.withTimeout(Duration.ofSeconds(120)));
  }

  /** Whether umoci is installed. */
  public static boolean isInstalled() {
    return Files.isExecutable(BINARY);
  }

  /** A copy with another per-call timeout. */
  public Umoci withTimeout(Duration timeout) {
    return new Umoci(ProcessRunner.withTimeout(timeout));
  }

  /** {@code umoci init --layout LAYOUT}: creates an empty OCI image layout. */
  public String init(Path layout) throws IOException {
    return run("init", "--layout", layout.toString());
  }

  /** {@code umoci new --image LAYOUT:TAG}: a new empty image (no layers). */
  public String newImage(Path layout, String tag) throws IOException {
    return run("new", "--image", image(layout, tag));
  }

  /**
   * {@code umoci insert --rootless --image LAYOUT:TAG SOURCE TARGET}: adds a layer holding the
   * file or directory {@code source} at path {@code target} inside the image.
   */
  public String insert(Path layout, String tag, Path source, String target) throws IOException {
    return run("insert", "--rootless", "--image", image(layout, tag), source.toString(), target);
  }

  /** {@code umoci unpack --rootless --image LAYOUT:TAG BUNDLE}: the root filesystem lands in {@code BUNDLE/rootfs}. */
  public String unpack(Path layout, String tag, Path bundle) throws IOException {
    return run("unpack", "--rootless", "--image", image(layout, tag), bundle.toString());
  }

  /** {@code umoci stat --json --image LAYOUT:TAG}: the image's history as JSON. */
  public String stat(Path layout, String tag) throws IOException {
    return run("stat", "--json", "--image", image(layout, tag));
  }

  /** {@code umoci ls --layout LAYOUT}: the tags in the layout. */
  public List<String> listTags(Path layout) throws IOException {
    List<String> tags = new ArrayList<>();
    for (String line : run("ls", "--layout", layout.toString()).split("\n")) {
      if (!line.isBlank()) {
        tags.add(line.trim());
      }
    }
    return tags;
  }

  /** {@code umoci tag --image LAYOUT:TAG NEWTAG}. */
  public String tag(Path layout, String tag, String newTag) throws IOException {
    return run("tag", "--image", image(layout, tag), newTag);
  }

  /** Runs {@code umoci ARGS...}; returns stdout or throws with stderr. */
  public String run(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(Arrays.asList(args));
    return runner.runChecked(command);
  }

  private static String image(Path layout, String tag) {
    return layout + ":" + tag;
  }
}
