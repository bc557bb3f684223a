package dev.berth.maven;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FileEntry;
import dev.berth.artifacts.files.FilePush;
import dev.berth.core.Descriptor;
import dev.berth.core.MediaTypes;
import dev.berth.maven.internal.StoreRef;
import java.io.File;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pushes files and directories as one OCI artifact, the way {@code oras push} (and {@code berth push})
 * does: each file becomes a layer titled by its name; a directory becomes a reproducible tar+gzip layer
 * that {@code berth:pull} and oras unpack.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractBerthMojo {
  /** Where the artifact goes: {@code HOST/NAME:TAG}, such as {@code ghcr.io/owner/config:1.0}, or {@code oci:DIR:TAG}. */
  @Parameter(property = "berth.target", required = true)
  protected String target;

  /** The files and directories to push, in order; relative paths are relative to the project. */
  @Parameter(required = true)
  protected List<File> files;

  /** The manifest's {@code artifactType}, the media type that says what kind of artifact this is. */
  @Parameter(property = "berth.artifactType", defaultValue = MediaTypes.UNKNOWN_ARTIFACT)
  protected String artifactType;

  /**
   * Manifest annotations, such as {@code <org.opencontainers.image.description>}. In GitHub Actions
   * {@code org.opencontainers.image.source} is added (unless given) so ghcr.io links the package.
   */
  @Parameter
  protected Map<String, String> annotations;

  @Override
  protected void run() throws Exception {
    StoreRef to = store(target, "target");
    if (to.digest() != null) {
      throw new IllegalArgumentException("<target> " + target + " names a digest: give a tag (the digest is"
          + " the manifest's, known only after the push)");
    }
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("<files> is empty: name at least one file or directory");
    }
    FilePush.Builder request = FilePush.builder()
        .artifactType(MediaTypes.check(artifactType, "<artifactType>"))
        .annotations(withSourceAnnotation(annotations));
    for (File f : files) {
      if (!f.exists()) {
        throw new NoSuchFileException(f.toString(), null, "<files> names what does not exist");
      }
      request.add(FileEntry.of(f.toPath()));
    }
    workingOn(to, true);
    Descriptor manifest = FileArtifacts.push(to.open(client("pushed"), true), request.build(), to.tag());
    publish("push", to.text(), manifest.digest().toString());
  }
}
