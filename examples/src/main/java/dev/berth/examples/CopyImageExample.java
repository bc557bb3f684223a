package dev.berth.examples;

import dev.berth.auth.CredentialProvider;
import dev.berth.core.Descriptor;
import dev.berth.core.Reference;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import java.io.IOException;

/**
 * Copies an image, with every platform and layer, from one registry to another: a mirror in a few lines.
 *
 * <pre>
 * java -cp berth.jar dev.berth.examples.CopyImageExample docker.io/library/alpine:3.20 ghcr.io/OWNER/alpine:3.20
 * </pre>
 */
public final class CopyImageExample {
  private CopyImageExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CopyImageExample SOURCE-REF DESTINATION-REF");
      System.exit(2);
    }
    // Credentials from GITHUB_TOKEN (for ghcr.io), docker's config.json and podman's auth.json.
    RegistryClient client = RegistryClient.builder().credentials(CredentialProvider.defaults()).build();
    Descriptor copied = copy(client, Reference.parse(args[0]), Reference.parse(args[1]));
    System.out.println(copied.digest());
  }

  /** Copies {@code source} to {@code destination}; blobs the destination has already are skipped. */
  public static Descriptor copy(RegistryClient client, Reference source, Reference destination) throws IOException {
    Repository from = client.repository(source);
    Repository to = client.repository(destination);
    return Copier.copy(from, source.reference(), to, destination.tag(), CopyOptions.defaults());
  }
}
