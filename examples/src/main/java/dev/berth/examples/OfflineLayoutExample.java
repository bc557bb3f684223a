package dev.berth.examples;

import dev.berth.auth.CredentialProvider;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Reference;
import dev.berth.core.content.Contents;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Works offline with an OCI image layout: save an artifact from a registry into a directory while
 * online, inspect it with no network, and publish it from the directory to another registry later.
 * The directory is the same format skopeo ({@code oci:DIR:TAG}), umoci and oras read and write.
 *
 * <pre>
 * java -cp berth.jar dev.berth.examples.OfflineLayoutExample ghcr.io/OWNER/app:1.0 ./app-layout registry.example/app:1.0
 * </pre>
 */
public final class OfflineLayoutExample {
  private OfflineLayoutExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: OfflineLayoutExample SOURCE-REF LAYOUT-DIR DESTINATION-REF");
      System.exit(2);
    }
    RegistryClient client = RegistryClient.builder().credentials(CredentialProvider.defaults()).build();
    Reference source = Reference.parse(args[0]);
    Path dir = Path.of(args[1]);

    Descriptor saved = save(client, source, dir);                      // online
    System.out.println("saved " + saved.digest() + " to " + dir);
    System.out.println(describe(dir, source.tag()));                  // offline
    Descriptor published = publish(client, dir, source.tag(), Reference.parse(args[2])); // online again
    System.out.println("published " + published.digest());
  }

  /** Copies {@code source} into the layout at {@code dir} under the same tag. */
  public static Descriptor save(RegistryClient client, Reference source, Path dir) throws IOException {
    OciLayout layout = OciLayout.open(dir);
    return Copier.copy(client.repository(source), source.reference(), layout, source.tag(), CopyOptions.defaults());
  }

  /** Reads the layout with no network: the tags it holds and what {@code tag} is. */
  public static String describe(Path dir, String tag) throws IOException {
    OciLayout layout = OciLayout.open(dir);
    Descriptor root = layout.resolve(tag);
    EncodedManifest manifest = Contents.fetchManifest(layout, root);
    return "tags " + layout.tags() + "; " + tag + " is a " + root.mediaType() + " with "
        + manifest.children().size() + " children";
  }

  /** Pushes {@code tag} from the layout at {@code dir} to {@code destination}. */
  public static Descriptor publish(RegistryClient client, Path dir, String tag, Reference destination)
      throws IOException {
    return Copier.copy(OciLayout.open(dir), tag, client.repository(destination), destination.tag(),
        CopyOptions.defaults());
  }
}
