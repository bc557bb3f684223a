package dev.berth.bench;

/**
 * What a child is told to do: which registry and repository, where the data set is, how many
 * transfers at once (for clients whose API lets the caller choose).
 *
 * @param baseUrl {@code http://127.0.0.1:PORT} (the proxy in front of the registry)
 * @param repository a repository name fresh for this run, e.g. {@code bench/berth-push-blob-r1-x7}
 */
record Job(String baseUrl, String repository, DataSet data, int concurrency) {
  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return baseUrl.substring(baseUrl.indexOf("://") + 3);
  }

  boolean plainHttp() {
    return baseUrl.startsWith("http://");
  }
}
