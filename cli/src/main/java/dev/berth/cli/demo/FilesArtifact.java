package dev.berth.cli.demo;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FileEntry;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.core.Descriptor;
import dev.berth.core.OciException;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** A directory of files, pushed the way {@code oras push} does it and pulled back byte for byte. */
final class FilesArtifact implements DemoArtifact {
  static final String ARTIFACT_TYPE = "application/vnd.berth.demo.files.v1";
  /** A fixed creation time keeps the manifest, and so its digest, the same on every run. */
  static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

  private final Path dir;

  FilesArtifact(Path dir) {
    this.dir = dir;
  }

  @Override
  public String kind() {
    return "files";
  }

  @Override
  public String repository() {
    return "demo-files";
  }

  @Override
  public String tag() {
    return "1.0.0";
  }

  @Override
  public Descriptor push(Target target) throws IOException {
    FilePush request = FilePush.builder()
        .artifactType(ARTIFACT_TYPE)
        .add(FileEntry.of(dir))
        .created(CREATED)
        .build();
    return FileArtifacts.push(target, request, tag());
  }

  @Override
  public Path pull(ReadOnlyTarget source, Path into) throws IOException {
    PulledFiles pulled = FileArtifacts.pull(source, tag(), into, FilePullOptions.defaults());
    return pulled.files().get(0).path();
  }

  @Override
  public String check(Path pulled) throws IOException {
    List<Path> originals = files(dir);
    List<Path> copies = files(pulled);
    if (!originals.equals(copies)) {
      throw new OciException("pulled files " + copies + " differ from the pushed " + originals);
    }
    for (Path rel : originals) {
      if (!Arrays.equals(Files.readAllBytes(dir.resolve(rel)), Files.readAllBytes(pulled.resolve(rel)))) {
        throw new OciException("pulled " + rel + " differs from the pushed file");
      }
    }
    return originals.size() + " files identical";
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
