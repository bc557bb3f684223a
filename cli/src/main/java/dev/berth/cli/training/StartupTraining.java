package dev.berth.cli.training;

import dev.berth.cli.Berth;
import dev.berth.cli.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run the launcher records a class-data archive from (AppCDS on Java 17-23, the AOT cache
 * on 24+): berth's common commands, in one JVM, against a {@link LoopbackRegistry} and an OCI layout in
 * a temp directory, so the classes they load (picocli, OkHttp, Kotlin's library, Jackson, berth) are
 * what the archive holds. Start-up is mostly loading and linking those classes; from the archive they
 * arrive mapped and verified. Nothing leaves the machine; berth's output is discarded, and each
 * command's exit code is printed on stderr (the last one is expected to be 4, not found).
 */
public final class StartupTraining {
  private StartupTraining() {}

  /** Runs the training commands; exits 0 even when one fails (a smaller archive still helps). */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("berth-training-");
    Console quiet = new Console(OutputStream.nullOutputStream(),
        new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), false);
    try (LoopbackRegistry registry = new LoopbackRegistry()) {
      Path file = Files.writeString(dir.resolve("hello.txt"), "hello from the start-up training\n");
      Path sub = Files.createDirectories(dir.resolve("docs"));
      Files.writeString(sub.resolve("readme.md"), "# training\n");
      String repo = registry.host() + "/training/files";
      String layout = "oci:" + dir.resolve("layout") + ":v1";
      for (List<String> command : List.of(
          List.of("--version"),
          List.of("--help"),
          List.of("--plain-http", "push", repo + ":v1", file.toString(), sub.toString()),
          List.of("--plain-http", "tags", repo),
          List.of("--plain-http", "resolve", repo + ":v1"),
          List.of("--plain-http", "pull", repo + ":v1", "-o", dir.resolve("pulled").toString()),
          List.of("--plain-http", "manifest", "get", repo + ":v1"),
          List.of("--plain-http", "cp", repo + ":v1", registry.host() + "/training/mounted:v1"),
          List.of("--plain-http", "cp", repo + ":v1", layout),
          List.of("tags", "oci:" + dir.resolve("layout")),
          List.of("--plain-http", "cp", layout, registry.host() + "/training/back:v1"),
          List.of("--plain-http", "blob", "put", repo, file.toString()),
          List.of("--plain-http", "blob", "get", repo + "@" + sha256(file), "-o", dir.resolve("blob").toString()),
          List.of("--plain-http", "resolve", repo + ":missing"))) {
        int exit = Berth.run(quiet, InputStream.nullInputStream(), command.toArray(String[]::new));
        System.err.println(exit + " berth " + String.join(" ", command)); // the launcher discards this
      }
    } finally {
      delete(dir);
    }
  }

  private static String sha256(Path file) throws IOException {
    return dev.berth.core.Digest.sha256(Files.readAllBytes(file)).toString();
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
