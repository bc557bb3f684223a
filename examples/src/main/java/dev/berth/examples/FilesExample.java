package dev.berth.examples;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.core.Descriptor;
import dev.berth.core.Reference;
import dev.berth.core.remote.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Pushes a file and a directory as one artifact, the way {@code oras push} does (a directory becomes a
 * reproducible tar+gzip layer), reporting each blob as it is sent, and pulls them back, the way {@code
 * oras pull} does. Each is one call; the credentials come from the same places the CLI reads (docker and
 * podman logins with their credential helpers, Helm's registry login, {@code GITHUB_TOKEN}).
 *
 * <pre>
 * java -cp berth.jar dev.berth.examples.FilesExample ghcr.io/OWNER/site:v1 README.md public/ ./downloaded
 * </pre>
 */
public final class FilesExample {
  private FilesExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: FilesExample REF FILE DIRECTORY OUTPUT-DIR");
      System.exit(2);
    }
    ProgressListener printing = new ProgressListener() {
      @Override
      public void onDone(Descriptor blob) {
        System.out.println("sent " + blob.digest() + " (" + blob.size() + " bytes)");
      }
    };
    Reference ref = Reference.parse(args[0]);
    FilePush site = site(Path.of(args[1]), Path.of(args[2]), printing);
    System.out.println("pushed " + FileArtifacts.push(ref, site).digest());
    PulledFiles pulled = FileArtifacts.pull(ref, Path.of(args[3])); // all or nothing
    pulled.files().forEach(f -> System.out.println("pulled " + f.path()));
  }

  /** {@code file} and {@code directory} as one artifact of our own type, reporting to {@code progress}. */
  public static FilePush site(Path file, Path directory, ProgressListener progress) {
    return FilePush.builder()
        .artifactType("application/vnd.example.site.v1")
        .file(file)
        .file(directory)
        .annotation("org.opencontainers.image.description", "a site and its notes")
        .progressListener(progress)
        .build();
  }
}
