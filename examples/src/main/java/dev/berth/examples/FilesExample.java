package dev.berth.examples;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FileEntry;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Descriptor;
import dev.berth.core.Reference;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Pushes a file and a directory as one artifact, the way {@code oras push} does (a directory becomes a
 * reproducible tar+gzip layer), and pulls them back, the way {@code oras pull} does.
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
    RegistryClient client = RegistryClient.builder().credentials(CredentialProvider.defaults()).build();
    Reference ref = Reference.parse(args[0]);
    Descriptor manifest = push(client, ref, Path.of(args[1]), Path.of(args[2]));
    System.out.println("pushed " + manifest.digest());
    PulledFiles pulled = pull(client, ref, Path.of(args[3]));
    pulled.files().forEach(f -> System.out.println("pulled " + f.path()));
  }

  /** Pushes {@code file} and {@code directory} as one artifact tagged with {@code ref}'s tag. */
  public static Descriptor push(RegistryClient client, Reference ref, Path file, Path directory) throws IOException {
    FilePush request = FilePush.builder()
        .artifactType("application/vnd.example.site.v1")
        .add(FileEntry.of(file))
        .add(FileEntry.of(directory))
        .annotation("org.opencontainers.image.description", "a site and its notes")
        .build();
    return FileArtifacts.push(client.repository(ref), request, ref.tag());
  }

  /** Pulls every titled file into {@code outputDir}, unpacking directories; all or nothing. */
  public static PulledFiles pull(RegistryClient client, Reference ref, Path outputDir) throws IOException {
    return FileArtifacts.pull(client.repository(ref), ref.reference(), outputDir, FilePullOptions.defaults());
  }
}
