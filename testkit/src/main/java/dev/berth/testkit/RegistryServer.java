package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OCI registry (Debian's {@code docker-registry}, CNCF distribution 2.8) running as a child
 * process on a free loopback port, with its own temp storage directory and generated config.
 *
 * <pre>{@code
 * try (TestPki pki = TestPki.create();
 *      RegistryServer registry = RegistryServer.builder().tls(pki).htpasswd("alice", "secret").start()) {
 *   String url = registry.baseUrl();   // https://127.0.0.1:PORT
 * }
 * }</pre>
 *
 * <p>{@link Builder#start()} returns once {@code GET /v2/} answers. If the binary is missing the
 * calling test is skipped (JUnit assumption); CI installs the {@code docker-registry} package.
 * {@link #close()} kills the process and deletes its directories; a JVM shutdown hook does the same
 * for servers a test forgot to close.
 */
public final class RegistryServer implements AutoCloseable {
  /** Where Debian's docker-registry package installs the binary. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Set<RegistryServer> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(RegistryServer::close),
        "berth-registry-reaper"));
  }

  private final Process process;
  private final int port;
  private final TestPki pki;
  private final Path workDir;
  private final Path storageDir;
  private final Path logFile;
  private final Path configFile;

  private RegistryServer(Process process, int port, TestPki pki, Path workDir, Path storageDir, Path logFile,
      Path configFile) {
    this.process = process;
    this.port = port;
    this.pki = pki;
    this.workDir = workDir;
    this.storageDir = storageDir;
    this.logFile = logFile;
    this.configFile = configFile;
  }

  /** A builder for a plain-HTTP registry without auth; add TLS and auth with its methods. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a plain-HTTP registry without auth, with deletes enabled. */
  public static RegistryServer start() {
    return builder().start();
  }

  /** Whether the docker-registry binary is installed. */
  public static boolean isInstalled() {
    return Files.isExecutable(BINARY);
  }

  /** {@code 127.0.0.1:PORT}, the registry host as it appears in references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:PORT} or {@code https://127.0.0.1:PORT}. */
  public String baseUrl() {
    return (pki != null ? "https://" : "http://") + host();
  }

  /** The TCP port the registry listens on. */
  public int port() {
    return port;
  }

  /** Whether the registry serves HTTPS. */
  public boolean isTls() {
    return pki != null;
  }

  /** The PKI whose CA issued the registry's certificate, or null for plain HTTP. */
  public TestPki pki() {
    return pki;
  }

  /** The registry's filesystem storage root (e.g. to corrupt a blob on disk in a test). */
  public Path storageDir() {
    return storageDir;
  }

  /** The generated config.yml. */
  public Path configFile() {
    return configFile;
  }

  /** The process id of the registry. */
  public long pid() {
    return process.pid();
  }

  /** Whether the registry process is still running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** The last lines of the registry's combined stdout and stderr. */
  public String logTail() {
    return logTail(logFile);
  }

  /** Kills the registry (and any children) and deletes its config, log and storage. */
  @Override
  public void close() {
    RUNNING.remove(this);
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        ProcessRunner.kill(process);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessRunner.kill(process);
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    TempDirs.deleteRecursively(workDir);
  }

  @Override
  public String toString() {
    return "RegistryServer[" + baseUrl() + "]";
  }

  private static String logTail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Configures and starts a {@link RegistryServer}. */
  public static final class Builder {
    private TestPki pki;
    private final Map<String, String> users = new LinkedHashMap<>();
    private TokenServer tokenServer;
    private boolean deleteEnabled = true;
    private String logLevel = "error";
    private int port;
    private final List<String> extraHosts = new ArrayList<>();
    private final StringBuilder extraYaml = new StringBuilder();

    private Builder() {}

    /** Serve HTTPS with a certificate for 127.0.0.1 and localhost issued by {@code pki}. */
    public Builder tls(TestPki pki) {
      this.pki = pki;
      return this;
    }

    /** Also put these names in the TLS certificate (e.g. a host alias used by a test). */
    public Builder tlsHostNames(String... names) {
      extraHosts.addAll(List.of(names));
      return this;
    }

    /** Require HTTP Basic auth; may be called for several users. Excludes {@link #tokenAuth}. */
    public Builder htpasswd(String user, String password) {
      users.put(user, password);
      return this;
    }

    /** Require bearer tokens from {@code tokenServer}. Excludes {@link #htpasswd}. */
    public Builder tokenAuth(TokenServer tokenServer) {
      this.tokenServer = tokenServer;
      return this;
    }

    /** Whether manifest and blob DELETE is allowed (default true). */
    public Builder deleteEnabled(boolean enabled) {
      this.deleteEnabled = enabled;
      return this;
    }

    /** The registry's log level: error (default), warn, info or debug. */
    public Builder logLevel(String level) {
      this.logLevel = level;
      return this;
    }

    /**
     * Appends top-level YAML to the generated config.yml, for settings the builder has no method
     * for (e.g. {@code "validation:\n  manifests:\n    urls:\n      allow: ['^https?://']\n"} or a
     * {@code proxy:} section). Keys must not repeat the generated ones (version, log, storage,
     * http, health, auth).
     */
    public Builder configYaml(String yaml) {
      extraYaml.append(yaml.endsWith("\n") ? yaml : yaml + "\n");
      return this;
    }

    /** Listen on this port instead of a free one picked at start. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Starts the registry and waits until {@code GET /v2/} answers.
     *
     * @throws org.opentest4j.TestAbortedException if docker-registry is not installed
     * @throws IllegalStateException if it does not come up; the message has its log tail
     */
    public RegistryServer start() {
      Assumptions.assumeTrue(isInstalled(), "docker-registry is not installed at " + BINARY
          + " (apt-get install docker-registry; CI installs it)");
      if (!users.isEmpty() && tokenServer != null) {
        throw new IllegalStateException("htpasswd and token auth are exclusive in docker-registry");
      }
      // A port picked as free can be taken before the registry binds it; retry with a new one.
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          return startOnce(port != 0 ? port : Ports.freeLoopbackPort());
        } catch (IllegalStateException e) {
          last = e;
          if (port != 0 || !String.valueOf(e.getMessage()).contains("address already in use")) {
            throw e;
          }
        }
      }
      throw last;
    }

    private RegistryServer startOnce(int chosenPort) {
      // Another server on the port would answer our readiness probe in this one's place.
      requirePortFree(chosenPort);
      Path work = TempDirs.create("berth-registry-");
      Process process = null;
      try {
        Path storage = Files.createDirectories(work.resolve("storage"));
        Path htpasswdFile = null;
        if (!users.isEmpty()) {
          htpasswdFile = Files.writeString(work.resolve("htpasswd"), Htpasswd.file(users));
        }
        TestPki.ServerCert cert = null;
        if (pki != null) {
          List<String> names = new ArrayList<>(List.of("127.0.0.1", "localhost"));
          names.addAll(extraHosts);
          cert = pki.issueServerCertificate(names.toArray(String[]::new));
        }
        Path config = Files.writeString(work.resolve("config.yml"),
            RegistryConfig.render(chosenPort, storage, logLevel, deleteEnabled, cert, htpasswdFile, tokenServer,
                extraYaml.toString()));
        Path log = work.resolve("registry.log");
        process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
        RegistryServer server = new RegistryServer(process, chosenPort, pki, work, storage, log, config);
        RUNNING.add(server);
        try {
          awaitReady(server);
        } catch (RuntimeException e) {
          server.close();
          throw e;
        }
        return server;
      } catch (IOException e) {
        if (process != null) {
          ProcessRunner.kill(process);
        }
        TempDirs.deleteRecursively(work);
        throw new UncheckedIOException("cannot start docker-registry", e);
      }
    }

    private void awaitReady(RegistryServer server) {
      OkHttpClient.Builder clientBuilder = new OkHttpClient.Builder()
          .connectTimeout(Duration.ofMillis(500))
          .readTimeout(Duration.ofSeconds(2))
          .retryOnConnectionFailure(false);
      if (pki != null) {
        clientBuilder.sslSocketFactory(pki.sslSocketFactory(), pki.trustManager());
      }
      OkHttpClient client = clientBuilder.build();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      String lastError = "";
      try {
        while (System.nanoTime() < deadline) {
          if (!server.process.isAlive()) {
            throw new IllegalStateException("docker-registry exited with " + server.process.exitValue()
                + " before answering; log:\n" + server.logTail());
          }
          try (Response response = client.newCall(new Request.Builder().url(server.baseUrl() + "/v2/").build())
              .execute()) {
            // 200 without auth, 401 with auth: either way the registry serves requests.
            if ((response.code() == 200 || response.code() == 401) && server.process.isAlive()) {
              return;
            }
            lastError = "GET /v2/ answered " + response.code();
          } catch (IOException e) {
            lastError = e.toString();
          }
          sleep(50);
        }
      } finally {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
      throw new IllegalStateException("docker-registry did not answer GET /v2/ within " + START_TIMEOUT
          + " (" + lastError + "); log:\n" + server.logTail());
    }

    private static void requirePortFree(int port) {
      try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
        probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        throw new IllegalStateException("cannot start docker-registry on 127.0.0.1:" + port
            + ": address already in use", e);
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for docker-registry", e);
      }
    }
  }

}
