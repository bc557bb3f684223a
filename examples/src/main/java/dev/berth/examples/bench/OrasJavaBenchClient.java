package dev.berth.examples.bench;

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
final class OrasJavaBenchClient implements BenchClient {
  private final Job job;
  private final Registry registry;
  private final ContainerRef repository;

  OrasJavaBenchClient(Job job) {
    this.job = job;
    Registry.Builder builder = Registry.builder().defaults();
    this.registry = (job.plainHttp() ? builder.withInsecure(true) : builder).build();
    this.repository = ContainerRef.parse(job.host() + "/" + job.repository());
  }

  @Override
  public void pushBlob() {
    BlobRef blob = job.data().blob();
    registry.pushBlob(repository.withDigest(blob.digest()), job.data().file(blob), Map.of());
  }

  @Override
  public void pullBlob() throws Exception {
    BlobRef blob = job.data().blob();
    try (InputStream in = registry.fetchBlob(repository.withDigest(blob.digest()))) {
      Drain.verify(in, blob);
    }
  }

  @Override
  public void pushArtifact() {
    push(job.data().artifact());
  }

  @Override
  public void pullArtifact() throws Exception {
    pull(job.data().artifact().tag());
  }

  @Override
  public void pushSmall() {
    job.data().small().forEach(this::push);
  }

  @Override
  public void pullSmall() throws Exception {
    for (ArtifactRef a : job.data().small()) {
      pull(a.tag());
    }
  }

  private void push(ArtifactRef a) {
    LocalPath[] files = a.layers().stream()
        .map(l -> LocalPath.of(job.data().file(l), l.mediaType()))
        .toArray(LocalPath[]::new);
    registry.pushArtifact(repository.withTag(a.tag()), ArtifactType.from(DataSet.ARTIFACT_TYPE),
        Annotations.empty(), Config.empty(), files);
  }

  private void pull(String tag) throws Exception {
    Manifest manifest = registry.getManifest(repository.withTag(tag));
    for (Layer layer : manifest.getLayers()) {
      BlobRef blob = new BlobRef(layer.getMediaType(), layer.getDigest(), layer.getSize());
      try (InputStream in = registry.fetchBlob(repository.withDigest(layer.getDigest()))) {
        Drain.verify(in, blob);
      }
    }
  }
}
