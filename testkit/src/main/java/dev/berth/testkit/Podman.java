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
 * Runs the real {@code podman} (Debian package) to pull and run images berth built, as root with the
 * settings that work on a plain CI machine: runc, cgroupfs, the vfs storage driver, storage in a
 * private directory (so tests share nothing with each other or the host), no network, and bounded
 * ulimits.
 */
public final class Podman {
  /** Where Debian installs podman. */
  public static final Path BINARY = Path.of("/usr/bin/podman");

  private final ProcessRunner runner;
  private final Path storage;

  private Podman(ProcessRunner runner, Path storage) {
    this.runner = runner;
    this.storage = storage;
  }

  /**
   * A wrapper keeping its images under {@code storage}, with a 300 s timeout per call (a first pull
   * into vfs copies every layer); skips the calling test if podman or runc is not installed.
   */
  public static Podman create(Path storage) {
    Assumptions.assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(Path.of("/usr/sbin/runc")),
        "podman and runc are not installed (apt-get install podman runc; CI installs them)");
    return new Podman(ProcessRunner.withTimeout(Duration.ofSeconds(300)), storage);
  }

  /**
   * {@code podman run --rm IMAGE [ARGS...]} from a plain-HTTP registry; returns stdout or throws with
   * stderr. The image's own entrypoint, command, user and working directory apply.
   */
  public String run(String image, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("run", "--rm", "--network", "none", "--tls-verify=false",
        "--pull", "always", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", image));
    command.addAll(Arrays.asList(args));
    return podman(command);
  }

  /** Runs {@code podman GLOBAL-OPTIONS ARGS...}; returns stdout or throws with stderr. */
  public String podman(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--runtime", "runc",
        "--cgroup-manager", "cgroupfs", "--storage-driver", "vfs", "--events-backend", "file",
        "--root", storage.resolve("root").toString(), "--runroot", storage.resolve("runroot").toString()));
    command.addAll(args);
    return runner.runChecked(command);
  }
}
