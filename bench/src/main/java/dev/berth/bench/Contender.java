package dev.berth.bench;

/**
 * A column of the table: a client with the concurrency it is given. berth appears twice in the
 * latency mode, once with its default concurrency and once one blob at a time ({@code berth-seq}).
 */
record Contender(String label, ClientKind kind, int concurrency) {
  static Contender of(ClientKind kind, int concurrency) {
    return new Contender(kind.id(), kind, concurrency);
  }

  static Contender sequential(ClientKind kind) {
    return new Contender(kind.id() + "-seq", kind, 1);
  }
}
