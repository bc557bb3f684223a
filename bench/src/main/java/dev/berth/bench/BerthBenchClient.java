package dev.berth.bench;

import dev.berth.core.Descriptor;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import java.io.InputStream;
import java.nio.file.Files;

/**
 * berth as an application would use it: a blob pushed and fetched through {@link Repository}; an
 * artifact copied from the data set's OCI layout to the registry and from the registry into a
 * discarding target with {@link Copier}, which moves blobs {@code concurrency} at a time.
 */
final class BerthBenchClient implements BenchClient {
  private final Job job;
  private final Repository repository;
  private final CopyOptions options;

  BerthBenchClient(Job job) {
    this.job = job;
    RegistryClient.Builder builder = RegistryClient.builder().concurrency(job.concurrency());
    if (job.plainHttp()) {
      builder.plainHttp(job.host());
    }
    this.repository = builder.build().repository(job.host() + "/" + job.repository());
    this.options = CopyOptions.builder().concurrency(job.concurrency()).build();
  }

  @Override
  public void pushBlob() throws Exception {
    Descriptor blob = job.data().blob().descriptor();
    try (InputStream in = Files.newInputStream(job.data().file(job.data().blob()))) {
      repository.push(blob, in);
    }
  }

  @Override
  public void pullBlob() throws Exception {
    try (InputStream in = repository.fetch(job.data().blob().descriptor())) {
      Drain.discard(in); // berth's stream checks the digest at its end
    }
  }

  @Override
  public void pushArtifact() throws Exception {
    OciLayout layout = OciLayout.open(job.data().layout());
    String tag = job.data().artifact().tag();
    Copier.copy(layout, tag, repository, tag, options);
  }

  @Override
  public void pullArtifact() throws Exception {
    Copier.copy(repository, job.data().artifact().tag(), new DiscardTarget(), null, options);
  }

  @Override
  public void pushSmall() throws Exception {
    OciLayout layout = OciLayout.open(job.data().layout());
    for (ArtifactRef a : job.data().small()) {
      Copier.copy(layout, a.tag(), repository, a.tag(), options);
    }
  }

  @Override
  public void pullSmall() throws Exception {
    DiscardTarget discard = new DiscardTarget();
    for (ArtifactRef a : job.data().small()) {
      Copier.copy(repository, a.tag(), discard, null, options);
    }
  }
}
