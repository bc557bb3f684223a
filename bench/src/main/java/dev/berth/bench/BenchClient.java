package dev.berth.bench;

/**
 * One client's way of doing each workload, run inside a child JVM. Implementations use their library
 * the way its own documentation suggests, with the same data set, buffer sizes and concurrency where
 * the API lets the caller choose; every pull checks the digest of what it received.
 */
interface BenchClient extends AutoCloseable {
  void pushBlob() throws Exception;

  void pullBlob() throws Exception;

  void pushArtifact() throws Exception;

  void pullArtifact() throws Exception;

  /** Pushes every small artifact under its tag. */
  void pushSmall() throws Exception;

  /** Pulls every small artifact by its tag. */
  void pullSmall() throws Exception;

  default void run(Workload workload) throws Exception {
    switch (workload) {
      case PUSH_BLOB -> pushBlob();
      case PULL_BLOB -> pullBlob();
      case PUSH_ARTIFACT -> pushArtifact();
      case PULL_ARTIFACT -> pullArtifact();
      case PUSH_SMALL -> pushSmall();
      case PULL_SMALL -> pullSmall();
    }
  }

  @Override
  default void close() throws Exception {}
}
