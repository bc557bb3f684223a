package dev.berth.bench;

import java.lang.reflect.InvocationTargetException;

/**
 * The clients the benchmark compares. Each is created by name inside its child JVM, so that berth's
 * child never loads a peer's classes and the peers' jars are only on the peers' class path.
 */
enum ClientKind {
  BERTH("berth", "dev.berth.bench.BerthBenchClient", false),
  RAW("raw", "dev.berth.bench.RawBenchClient", false),
  ORAS_JAVA("oras-java", "dev.berth.bench.OrasJavaBenchClient", true),
  JIB("jib", "dev.berth.bench.JibBenchClient", true);

  private final String id;
  private final String className;
  private final boolean peer;

  ClientKind(String id, String className, boolean peer) {
    this.id = id;
    this.className = className;
    this.peer = peer;
  }

  String id() {
    return id;
  }

  /** Whether the client needs the peers' jars (target/bench-lib) on its class path. */
  boolean isPeer() {
    return peer;
  }

  /** The class whose presence shows the peer's jars are on a class path. */
  String probeClass() {
    return switch (this) {
      case ORAS_JAVA -> "land.oras.Registry";
      case JIB -> "com.google.cloud.tools.jib.registry.RegistryClient";
      default -> className;
    };
  }

  BenchClient create(Job job) throws Exception {
    try {
      return (BenchClient) Class.forName(className).getDeclaredConstructor(Job.class).newInstance(job);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  static ClientKind byId(String id) {
    for (ClientKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown client " + id + " (berth, raw, oras-java, jib)");
  }
}
