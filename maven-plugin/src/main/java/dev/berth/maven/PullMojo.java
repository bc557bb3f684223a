package dev.berth.maven;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.maven.internal.StoreRef;
import java.io.File;
import java.nio.file.Files;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pulls an artifact's files into a directory, as {@code oras pull} (and {@code berth pull}) does: titled
 * layers become files, directory layers are unpacked. All or nothing: on any failure the directory is
 * left as it was.
 */
@Mojo(name = "pull", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true, requiresProject = false)
public class PullMojo extends AbstractBerthMojo {
  /** What to pull: {@code HOST/NAME:TAG}, {@code HOST/NAME@DIGEST} or {@code oci:DIR:TAG}. */
  @Parameter(property = "berth.source", required = true)
  protected String source;

  /** Where the files go. */
  @Parameter(property = "berth.outputDirectory", defaultValue = "${project.build.directory}/berth/pulled")
  protected File outputDirectory;

  /** Replaces files that already exist (default: refuse, and write nothing). */
  @Parameter(property = "berth.overwrite", defaultValue = "false")
  protected boolean overwrite;

  @Override
  protected void run() throws Exception {
    StoreRef from = store(source, "source");
    if (from.reference() == null) {
      throw new IllegalArgumentException("<source> " + source + " names no tag or digest");
    }
    Files.createDirectories(outputDirectory.toPath());
    workingOn(from, false);
    PulledFiles pulled = FileArtifacts.pull(from.open(client("pulled"), false), from.reference(),
        outputDirectory.toPath(), FilePullOptions.builder().overwrite(overwrite).build());
    for (PulledFiles.PulledFile f : pulled.files()) {
      getLog().info("berth: " + (f.unpacked() ? "unpacked " : "wrote ") + f.path());
    }
    if (!pulled.skipped().isEmpty()) {
      getLog().info("berth: skipped " + pulled.skipped().size() + " layer(s) without a title");
    }
    publish("pull", from.text(), pulled.manifest().digest().toString());
  }
}
