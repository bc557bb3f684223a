package dev.berth.cli.demo;

import dev.berth.core.Descriptor;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.nio.file.Path;

/** One kind of artifact the demo publishes: how to push it, pull it, and prove the pulled copy is right. */
interface DemoArtifact {
  /** A short kind name for the table: helm, wasm, files. */
  String kind();

  /** The repository's short name, e.g. {@code hello-chart}. */
  String repository();

  /** The tag it is pushed under. */
  String tag();

  /** Pushes the artifact to {@code target} under {@link #tag()}; returns the manifest's descriptor. */
  Descriptor push(Target target) throws IOException;

  /** Pulls {@link #tag()} from {@code source} into the empty directory {@code into}; returns what was written. */
  Path pull(ReadOnlyTarget source, Path into) throws IOException;

  /**
   * Checks the pulled copy against the original beyond digests (same bytes, a module that runs).
   *
   * @return a short note for the demo's output
   * @throws IOException when the pulled copy is not right
   */
  String check(Path pulled) throws IOException;
}
