package dev.berth.maven;

import dev.berth.artifacts.image.BakedImage;
import dev.berth.artifacts.image.BlobTransferListener;
import dev.berth.artifacts.image.ImageBaker;
import dev.berth.artifacts.image.LayerSource;
import dev.berth.core.Descriptor;
import dev.berth.core.Platform;
import dev.berth.maven.internal.StoreRef;
import dev.berth.maven.internal.Trees;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Bakes layers onto a base image and pushes the result, without a container runtime (as {@code berth
 * image append} does): the base's layers plus one layer per {@code <layer>}, and the base's config with
 * the given entrypoint, cmd, environment and labels. Directory layers are reproducible, so the same
 * inputs give the same digest.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class ImageMojo extends AbstractBerthMojo {
  /** The base image: {@code HOST/NAME:TAG} or {@code HOST/NAME@DIGEST} (a digest pins it), or {@code oci:DIR:TAG}. */
  @Parameter(property = "berth.from", required = true)
  protected String from;

  /** Where the new image goes: {@code HOST/NAME:TAG}, such as {@code ghcr.io/owner/app:1.0}, or {@code oci:DIR:TAG}. */
  @Parameter(property = "berth.to", required = true)
  protected String to;

  /** The layers to add, in order; see {@link Layer} (a directory, a file, or a tar). */
  @Parameter(required = true)
  protected List<Layer> layers;

  /** The entrypoint, one {@code <arg>} per argument; default: the base's. */
  @Parameter
  protected List<String> entrypoint;

  /** The default command, one {@code <arg>} per argument; default: the base's. */
  @Parameter
  protected List<String> cmd;

  /** Environment variables to set, as {@code <NAME>value</NAME>}. */
  @Parameter
  protected Map<String, String> environment;

  /** Image labels, as {@code <org.opencontainers.image.title>app</org.opencontainers.image.title>}. */
  @Parameter
  protected Map<String, String> labels;

  /** The platform to build on when the base is a multi-platform index, as {@code linux/amd64}. */
  @Parameter(property = "berth.platform")
  protected String platform;

  @Override
  protected void run() throws Exception {
    StoreRef base = store(from, "from");
    StoreRef dest = store(to, "to");
    if (dest.digest() != null) {
      throw new IllegalArgumentException("<to> " + to + " names a digest: give a tag");
    }
    if (base.reference() == null) {
      throw new IllegalArgumentException("<from> " + from + " names no tag or digest");
    }
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("<layers> is empty: give at least one <layer>");
    }
    ImageBaker.Builder baker = ImageBaker.builder().baseName(base.text());
    Path staging = workDir().resolve("image-layers");
    Trees.delete(staging);
    for (int i = 0; i < layers.size(); i++) {
      baker.layer(source(layers.get(i), staging.resolve(String.valueOf(i))));
    }
    if (environment != null) {
      environment.forEach(baker::env);
    }
    if (labels != null) {
      baker.labels(labels);
    }
    if (entrypoint != null) {
      baker.entrypoint(entrypoint);
    }
    if (cmd != null) {
      baker.cmd(cmd);
    }
    if (platform != null) {
      baker.platform(Platform.parse(platform));
    }
    if (base.remote() != null && dest.remote() != null && base.host().equals(dest.host())) {
      baker.mountFrom(base.remote().repository());
    }
    // Transfers are logged by the client's progress listener; a mount moves no bytes, so say it here.
    baker.listener(new BlobTransferListener() {
      @Override
      public void onMounted(Descriptor blob, String fromRepository) {
        getLog().info("mounted " + blob.digest() + " from " + fromRepository);
      }
    });
    workingOn(base, false);
    var source = base.open(client("copied"), false);
    workingOn(dest, true);
    BakedImage image = baker.build().bake(source, base.reference(), dest.open(client("copied"), true), dest.tag());
    publish("image", dest.text(), image.manifest().digest().toString());
  }

  // A tar is a layer as it is; a directory lands under imagePath; any other file is staged in a directory
  // of its own so that it lands at imagePath/NAME.
  private static LayerSource source(Layer layer, Path stagingDir) throws java.io.IOException {
    if (layer.getPath() == null) {
      throw new IllegalArgumentException("a <layer> has no <path>");
    }
    Path path = layer.getPath().toPath();
    String imagePath = layer.getImagePath() == null ? "/" : layer.getImagePath();
    if (Files.isDirectory(path)) {
      return LayerSource.directory(path, imagePath);
    }
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "a <layer> names what does not exist");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return LayerSource.tar(path);
    }
    Files.createDirectories(stagingDir);
    Files.copy(path, stagingDir.resolve(path.getFileName()));
    return LayerSource.directory(stagingDir, imagePath);
  }
}
