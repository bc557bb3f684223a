package dev.berth.bench;

/** One measured operation; each run of a client does one workload in its own JVM. */
enum Workload {
  PUSH_BLOB("push-blob", "push blob"),
  PULL_BLOB("pull-blob", "pull blob"),
  PUSH_ARTIFACT("push-layers", "push layers"),
  PULL_ARTIFACT("pull-layers", "pull layers"),
  PUSH_SMALL("push-small", "push small"),
  PULL_SMALL("pull-small", "pull small");

  private final String id;
  private final String label;

  Workload(String id, String label) {
    this.id = id;
    this.label = label;
  }

  String id() {
    return id;
  }

  String label() {
    return label;
  }

  boolean isPush() {
    return this == PUSH_BLOB || this == PUSH_ARTIFACT || this == PUSH_SMALL;
  }

  /** The push whose repository this pull reads (a pull reads what its own client just pushed). */
  Workload push() {
    return switch (this) {
      case PULL_BLOB -> PUSH_BLOB;
      case PULL_ARTIFACT -> PUSH_ARTIFACT;
      case PULL_SMALL -> PUSH_SMALL;
      default -> this;
    };
  }

  /** How many artifacts (or blobs) the workload moves, to report requests per artifact. */
  int artifacts(DataSet data) {
    return this == PUSH_SMALL || this == PULL_SMALL ? data.small().size() : 1;
  }

  /** Bytes of content the workload moves (manifests not counted). */
  long bytes(DataSet data) {
    return switch (this) {
      case PUSH_BLOB, PULL_BLOB -> data.blob().size();
      case PUSH_ARTIFACT, PULL_ARTIFACT -> data.artifact().contentBytes();
      case PUSH_SMALL, PULL_SMALL -> data.small().stream().mapToLong(ArtifactRef::contentBytes).sum();
    };
  }

  /** Whether the data set has what this workload moves. */
  boolean applies(DataSet data) {
    return switch (this) {
      case PUSH_BLOB, PULL_BLOB -> data.blob() != null;
      case PUSH_ARTIFACT, PULL_ARTIFACT -> data.artifact() != null;
      case PUSH_SMALL, PULL_SMALL -> !data.small().isEmpty();
    };
  }

  static Workload byId(String id) {
    for (Workload w : values()) {
      if (w.id.equals(id)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload " + id);
  }
}
