package dev.berth.examples;

import dev.berth.artifacts.image.BakedImage;
import dev.berth.artifacts.image.ImageBaker;
import dev.berth.artifacts.image.LayerSource;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Platform;
import dev.berth.core.Reference;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Bakes a directory into a new image on top of a base image, with no Docker daemon: the base's layers
 * are reused (mounted or skipped, never re-downloaded to be re-uploaded), one reproducible layer is
 * added, and the config gets the new layer, an entrypoint and labels.
 *
 * <pre>
 * java -cp berth.jar dev.berth.examples.BakeFilesExample ghcr.io/OWNER/base:1 ./build/app ghcr.io/OWNER/app:1.0
 * </pre>
 */
public final class BakeFilesExample {
  private BakeFilesExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: BakeFilesExample BASE-REF DIRECTORY TARGET-REF");
      System.exit(2);
    }
    RegistryClient client = RegistryClient.builder().credentials(CredentialProvider.defaults()).build();
    BakedImage image = bake(client, Reference.parse(args[0]), Path.of(args[1]), Reference.parse(args[2]));
    System.out.println(image.manifest().digest());
  }

  /** Puts {@code appDir} at {@code /opt/app} in a new image on {@code base}, pushed as {@code target}. */
  public static BakedImage bake(RegistryClient client, Reference base, Path appDir, Reference target)
      throws IOException {
    ImageBaker baker = ImageBaker.builder()
        .platform(Platform.parse("linux/amd64"))          // used when the base is multi-platform
        .layer(LayerSource.directory(appDir, "/opt/app"))
        .entrypoint(List.of("/opt/app/run.sh"))
        .label("org.opencontainers.image.title", "app")
        .baseName(base.toString())
        .mountFrom(base.registry().equals(target.registry()) ? base.repository() : null)
        .build();
    return baker.bake(client.repository(base), base.reference(), client.repository(target), target.tag());
  }
}
