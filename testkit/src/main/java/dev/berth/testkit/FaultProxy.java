package dev.berth.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * A loopback HTTP/1.1 proxy to put in front of a real registry: clients talk to the proxy's port
 * as if it were the registry (the Host header passes through, so upload locations the registry
 * builds point back at the proxy). By default it passes everything through; {@link FaultRule}s
 * inject faults into matching requests, and {@link #latency(Duration)} adds a constant delay to
 * every request (the benchmark's {@code --latency} mode).
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.start();
 *      FaultProxy proxy = FaultProxy.builder().target(registry).seed(42).start()) {
 *   proxy.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(Fault.serviceUnavailable()).rate(0.1));
 *   // point the client at proxy.baseUrl()
 * }
 * }</pre>
 *
 * <p>Bodies stream through in 64 KiB pieces with their framing (Content-Length or chunked) intact;
 * keep-alive connections carry any number of requests. Each client connection gets one upstream
 * connection and one thread. If the target serves TLS, so does the proxy, with a certificate from
 * the same {@link TestPki}.
 */
public final class FaultProxy implements AutoCloseable {
  private static final int MAX_RECORDED = 10_000;

  private final ServerSocket serverSocket;
  private final String targetHost;
  private final int targetPort;
  private final SSLSocketFactory upstreamTls;
  private final boolean tls;
  private final ExecutorService threads;
  private final Random random;
  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong requestsSeen = new AtomicLong();
  private final AtomicLong faultsInjected = new AtomicLong();
  private final AtomicLong connectionsAccepted = new AtomicLong();
  private final List<String> recorded = new CopyOnWriteArrayList<>();
  private volatile Duration latency;
  private volatile boolean closed;

  private FaultProxy(Builder b) throws IOException {
    this.targetHost = b.targetHost;
    this.targetPort = b.targetPort;
    this.upstreamTls = b.pki == null ? null : b.pki.sslSocketFactory();
    this.tls = b.pki != null;
    this.latency = b.latency;
    this.random = new Random(b.seed);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port);
    if (tls) {
      SSLServerSocketFactory factory = b.pki.issueServerCertificate("127.0.0.1", "localhost")
          .serverSslContext().getServerSocketFactory();
      serverSocket = factory.createServerSocket();
    } else {
      serverSocket = new ServerSocket();
    }
    serverSocket.setReuseAddress(true);
    serverSocket.bind(address, 128);
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "berth-fault-proxy");
      t.setDaemon(true);
      return t;
    });
    threads.execute(this::acceptLoop);
  }

  /** A builder; {@link Builder#target} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A pass-through proxy in front of {@code registry}. */
  public static FaultProxy inFrontOf(RegistryServer registry) {
    return builder().target(registry).start();
  }

  /** {@code 127.0.0.1:PORT} of the proxy, to use as the registry host. */
  public String host() {
    return "127.0.0.1:" + port();
  }

  /** {@code http(s)://127.0.0.1:PORT} of the proxy. */
  public String baseUrl() {
    return (tls ? "https://" : "http://") + host();
  }

  /** The proxy's port. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Sets the delay added to every request before it is forwarded (zero for none). */
  public FaultProxy latency(Duration latency) {
    this.latency = latency == null ? Duration.ZERO : latency;
    return this;
  }

  /** The delay added to every request. */
  public Duration latency() {
    return latency;
  }

  /** Adds a rule; rules are tried in the order added and the first that fires wins. Returns it. */
  public FaultRule add(FaultRule rule) {
    rules.add(rule);
    return rule;
  }

  /** Shorthand for {@code add(FaultRule.when(matcher).then(fault))}: every matching request, forever. */
  public FaultRule inject(RequestMatcher matcher, Fault fault) {
    return add(FaultRule.when(matcher).then(fault));
  }

  /** Removes every rule: from now on everything passes through. */
  public void clearRules() {
    rules.clear();
  }

  /** How many requests arrived so far. */
  public long requestsSeen() {
    return requestsSeen.get();
  }

  /** How many faults were injected so far. */
  public long faultsInjected() {
    return faultsInjected.get();
  }

  /** How many client connections were accepted so far (to check that clients reuse connections). */
  public long connectionsAccepted() {
    return connectionsAccepted.get();
  }

  /** The first 10,000 requests seen, as {@code "METHOD TARGET"}, oldest first. */
  public List<String> requests() {
    return List.copyOf(recorded);
  }

  /** Resets the counters and the request record (rules keep their own counts). */
  public void resetCounters() {
    requestsSeen.set(0);
    faultsInjected.set(0);
    connectionsAccepted.set(0);
    recorded.clear();
  }

  /** Stops accepting, closes every connection and stops the threads. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(serverSocket);
    for (ProxyConnection connection : new ArrayList<>(connections)) {
      connection.closeSockets();
    }
    threads.shutdownNow();
  }

  @Override
  public String toString() {
    return "FaultProxy[" + baseUrl() + " -> " + targetHost + ":" + targetPort + "]";
  }

  Fault pickFault(String method, String target) {
    requestsSeen.incrementAndGet();
    if (recorded.size() < MAX_RECORDED) {
      recorded.add(method + " " + target);
    }
    for (FaultRule rule : rules) {
      if (rule.tryFire(method, target, random)) {
        faultsInjected.incrementAndGet();
        return rule.fault();
      }
    }
    return null;
  }

  Socket connectUpstream() throws IOException {
    Socket socket = upstreamTls != null ? upstreamTls.createSocket() : new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
    return socket;
  }

  void connectionClosed(ProxyConnection connection) {
    connections.remove(connection);
  }

  static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = serverSocket.accept();
        client.setTcpNoDelay(true);
        connectionsAccepted.incrementAndGet();
        ProxyConnection connection = new ProxyConnection(this, client);
        connections.add(connection);
        threads.execute(connection);
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        if (closed) {
          return;
        }
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  /** Configures a {@link FaultProxy}. */
  public static final class Builder {
    private String targetHost;
    private int targetPort;
    private TestPki pki;
    private Duration latency = Duration.ZERO;
    private long seed = 1;
    private int port;

    private Builder() {}

    /** Forward to {@code registry} (over TLS if it serves TLS, with a proxy certificate from its PKI). */
    public Builder target(RegistryServer registry) {
      this.targetHost = "127.0.0.1";
      this.targetPort = registry.port();
      this.pki = registry.pki();
      return this;
    }

    /** Forward to a plain-HTTP server at {@code host:port}. */
    public Builder target(String host, int port) {
      this.targetHost = host;
      this.targetPort = port;
      this.pki = null;
      return this;
    }

    /** Forward over TLS trusting {@code pki}, and serve TLS to clients with a certificate from it. */
    public Builder tls(TestPki pki) {
      this.pki = pki;
      return this;
    }

    /** Constant delay added to every request. */
    public Builder latency(Duration latency) {
      this.latency = latency;
      return this;
    }

    /** Seed of the random numbers that {@link FaultRule#rate(double)} draws (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Listen on this port instead of a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Starts listening. */
    public FaultProxy start() {
      if (targetHost == null) {
        throw new IllegalStateException("FaultProxy.builder().target(...) is required");
      }
      try {
        return new FaultProxy(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start fault proxy", e);
      }
    }
  }
}
