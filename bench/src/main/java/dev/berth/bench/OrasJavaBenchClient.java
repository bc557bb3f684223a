package dev.berth.bench;

import java.io.InputStream;
import java.util.Map;
import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.Registry;

/**
 * oras-java (land.oras:oras-java-sdk) as its README shows it: {@code pushBlob} of a file, {@code
 * pushArtifact} of files, {@code getManifest} and {@code fetchBlob}. It computes digests itself and
 * chooses its own concurrency. Its blob stream is not verified by the library, so the benchmark
 * hashes what it yields, as every pull in the table is verified.
 */
final class OrasJavaBenchClient extends ByCallBenchClient {
  private final Registry registry;
  private final ContainerRef repository;

  OrasJavaBenchClient(Job job) {
    super(job);
    Registry.Builder builder = Registry.builder().defaults();
    this.registry = (job.plainHttp() ? builder.withInsecure(true) : builder).build();
    this.repository = ContainerRef.parse(job.host() + "/" + job.repository());
  }

  @Override
  protected void pushBlob(BlobRef blob) {
    registry.pushBlob(repository.withDigest(blob.digest()), job.data().file(blob), Map.of());
  }

  @Override
  protected void pullBlob(BlobRef blob) throws Exception {
    try (InputStream in = registry.fetchBlob(repository.withDigest(blob.digest()))) {
      Drain.verify(in, blob);
    }
  }

  @Override
  protected void pushArtifact(ArtifactRef a) {
    LocalPath[] files = a.layers().stream()
        .map(l -> LocalPath.of(job.data().file(l), l.mediaType()))
        .toArray(LocalPath[]::new);
    registry.pushArtifact(repository.withTag(a.tag()), ArtifactType.from(DataSet.ARTIFACT_TYPE),
        Annotations.empty(), Config.empty(), files);
  }

  @Override
  protected void pullArtifact(String tag) throws Exception {
    Manifest manifest = registry.getManifest(repository.withTag(tag));
    for (Layer layer : manifest.getLayers()) {
      BlobRef blob = new BlobRef(layer.getMediaType(), layer.getDigest(), layer.getSize());
      try (InputStream in = registry.fetchBlob(repository.withDigest(layer.getDigest()))) {
        Drain.verify(in, blob);
      }
    }
  }
}
