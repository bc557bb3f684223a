package dev.berth.bench;

/**
 * A client whose library moves one blob, or one artifact, per call (Jib, oras-java, the raw floor): the
 * workloads are loops over the data set around those four calls, written once here so that every peer
 * walks the data in the same order.
 */
abstract class ByCallBenchClient implements BenchClient {
  protected final Job job;

  protected ByCallBenchClient(Job job) {
    this.job = job;
  }

  /** Pushes one blob of the data set. */
  protected abstract void pushBlob(BlobRef blob) throws Exception;

  /** Fetches one blob, checking its digest. */
  protected abstract void pullBlob(BlobRef blob) throws Exception;

  /** Pushes an artifact's blobs and then its manifest under its tag. */
  protected abstract void pushArtifact(ArtifactRef artifact) throws Exception;

  /** Fetches the manifest tagged {@code tag} and every blob it names, checking each digest. */
  protected abstract void pullArtifact(String tag) throws Exception;

  @Override
  public final void pushBlob() throws Exception {
    pushBlob(job.data().blob());
  }

  @Override
  public final void pullBlob() throws Exception {
    pullBlob(job.data().blob());
  }

  @Override
  public final void pushArtifact() throws Exception {
    pushArtifact(job.data().artifact());
  }

  @Override
  public final void pullArtifact() throws Exception {
    pullArtifact(job.data().artifact().tag());
  }

  @Override
  public final void pushSmall() throws Exception {
    for (ArtifactRef a : job.data().small()) {
      pushArtifact(a);
    }
  }

  @Override
  public final void pullSmall() throws Exception {
    for (ArtifactRef a : job.data().small()) {
      pullArtifact(a.tag());
    }
  }
}
