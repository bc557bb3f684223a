package dev.berth.cli.demo;

import dev.berth.core.Descriptor;
import dev.berth.core.OciException;
import dev.berth.core.content.TagLister;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code berth demo}: publishes a Helm chart, a wasm module and a directory of files, lists their tags,
 * pulls each back, verifies every digest in each graph, and checks the pulled copies (same bytes; the
 * wasm module runs). Runs on OCI layout directories by default, so it needs no registry, network or
 * credentials; or against a registry namespace. Everything is overwritten in place, so it can run
 * again and again, and the content is fixed, so the digests are the same every time.
 */
public final class Demo {
  private final DemoDestination destination;
  private final Path workDir;
  private final Consumer<String> progress;

  /**
   * @param destination where to publish
   * @param workDir where the generated inputs ({@code inputs/}) and pulled copies ({@code pulled/}) go
   * @param progress receives one line per step, for people watching
   */
  public Demo(DemoDestination destination, Path workDir, Consumer<String> progress) {
    this.destination = destination;
    this.workDir = workDir;
    this.progress = progress;
  }

  /** Runs the demo; returns one row per artifact. */
  public List<DemoRow> run() throws IOException {
    DemoInputs inputs = DemoInputs.write(workDir.resolve("inputs"));
    List<DemoRow> rows = new ArrayList<>();
    for (DemoArtifact artifact : DemoArtifacts.all(inputs)) {
      rows.add(runOne(artifact));
    }
    return rows;
  }

  private DemoRow runOne(DemoArtifact a) throws IOException {
    String repo = destination.name(a.repository());
    String ref = repo + ":" + a.tag();
    long start = System.nanoTime();

    progress.accept("push   " + a.kind() + " -> " + ref);
    Target target = destination.open(a.repository());
    Descriptor pushed = a.push(target);

    List<String> tags = target instanceof TagLister lister ? lister.tags() : List.of();
    progress.accept("tags   " + repo + ": " + String.join(", ", tags));
    if (!tags.contains(a.tag())) {
      throw new OciException("tag " + a.tag() + " is missing from " + repo + " right after the push");
    }

    // Read back through a fresh store object, as another process would.
    Target readBack = destination.open(a.repository());
    Descriptor resolved = readBack.resolve(a.tag());
    if (!resolved.digest().equals(pushed.digest())) {
      throw new OciException(ref + " resolves to " + resolved.digest() + " but " + pushed.digest() + " was pushed");
    }
    Path into = emptyDir(workDir.resolve("pulled").resolve(a.repository()));
    progress.accept("pull   " + ref + " -> " + into);
    Path pulled = a.pull(readBack, into);

    GraphCheck.Result checked = GraphCheck.verify(readBack, resolved);
    String note = a.check(pulled);
    progress.accept("verify " + ref + ": " + checked.nodes() + " digests ok; " + note);
    return new DemoRow(a.kind(), repo, a.tag(), resolved.digest(), checked.bytes(), System.nanoTime() - start,
        checked.nodes(), note);
  }

  private static Path emptyDir(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    return dir;
  }
}
