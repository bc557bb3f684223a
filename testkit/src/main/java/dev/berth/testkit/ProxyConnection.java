package dev.berth.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Serves one client connection of a {@link FaultProxy}: reads requests one after another
 * (keep-alive), forwards each over one upstream connection, streams the answer back, and injects
 * the fault the proxy picks for the request.
 */
final class ProxyConnection implements Runnable {
  private static final int BUFFER = 64 * 1024;

  private final FaultProxy proxy;
  private final Socket client;
  private final BodyStreamer streamer = new BodyStreamer();
  private Socket upstream;
  private InputStream upIn;
  private OutputStream upOut;
  private boolean upstreamReused;

  ProxyConnection(FaultProxy proxy, Socket client) {
    this.proxy = proxy;
    this.client = client;
  }

  @Override
  public void run() {
    try {
      InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER);
      OutputStream out = new BufferedOutputStream(client.getOutputStream(), BUFFER);
      while (serveOne(in, out)) {
        // next request on the same connection
      }
    } catch (IOException e) {
      // The client or registry went away (or a fault ended the exchange); nothing to report.
    } finally {
      closeUpstream();
      FaultProxy.closeQuietly(client);
      proxy.connectionClosed(this);
    }
  }

  void closeSockets() {
    closeUpstream();
    FaultProxy.closeQuietly(client);
  }

  /** Handles one exchange; returns whether the client connection stays open for another. */
  private boolean serveOne(InputStream in, OutputStream out) throws IOException {
    HttpHead request = HttpHead.read(in);
    if (request == null) {
      return false;
    }
    String method = request.method();
    Fault fault = proxy.pickFault(method, request.target());
    Fault.Kind kind = fault == null ? null : fault.kind();
    BodyStreamer.Framing requestBody = request.framing(false, method);
    boolean keepAlive = !request.headerHasToken("Connection", "close");

    sleep(proxy.latency());
    if (kind == Fault.Kind.DELAY) {
      sleep(fault.delay());
    }
    if (kind == Fault.Kind.RESET_BEFORE_REQUEST) {
      reset(client);
      return false;
    }
    if (kind == Fault.Kind.STATUS) {
      if (request.header("Expect") != null) {
        // The client waits for 100 Continue before sending the body; a final answer replaces it,
        // and closing avoids guessing whether the body follows anyway.
        writeStatus(out, method, fault, false);
        return false;
      }
      // Drain the body first so the client reads our answer instead of failing mid-upload.
      streamer.copy(in, OutputStream.nullOutputStream(), requestBody, BodyStreamer.Tamper.NONE);
      writeStatus(out, method, fault, keepAlive);
      return keepAlive;
    }
    if (kind == Fault.Kind.RESET_REQUEST_BODY && !requestBody.hasBody()) {
      fault = Fault.resetResponseBodyAfter(fault.bytes());
      kind = fault.kind();
    }
    if (request.header("Expect") != null) {
      // We answer 100-continue ourselves so the body streams without a second round trip.
      request = request.withoutHeader("Expect");
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    connectUpstream();
    boolean reusedConnection = upstreamReused;
    request.write(upOut);
    BodyStreamer.Tamper requestTamper = kind == Fault.Kind.RESET_REQUEST_BODY
        ? stopAt(fault, requestBody) : BodyStreamer.Tamper.NONE;
    boolean upstreamBroken = false;
    try {
      if (!streamer.copy(in, upOut, requestBody, requestTamper)) {
        closeUpstream();
        reset(client);
        return false;
      }
    } catch (IOException e) {
      // The registry may answer early (e.g. 401) and stop reading; relay that answer, then close.
      upstreamBroken = true;
    }

    HttpHead response = readResponseHead(out);
    if (response == null && reusedConnection && !requestBody.hasBody() && !upstreamBroken) {
      // The registry closed the idle keep-alive connection as we reused it; a bodyless request
      // can simply be sent again on a fresh connection, as any client would.
      closeUpstream();
      connectUpstream();
      request.write(upOut);
      upOut.flush();
      response = readResponseHead(out);
    }
    if (response == null) {
      reset(client);
      return false;
    }
    if (kind == Fault.Kind.RESET_BEFORE_RESPONSE) {
      closeUpstream();
      reset(client);
      return false;
    }
    BodyStreamer.Framing responseBody = response.framing(true, method);
    response.write(out);
    boolean whole = streamer.copy(upIn, out, responseBody, responseTamper(fault, responseBody));
    if (!whole) {
      closeUpstream();
      if (kind == Fault.Kind.RESET_RESPONSE_BODY) {
        reset(client);
      } else {
        client.close();
      }
      return false;
    }
    boolean upstreamKeepsAlive = !upstreamBroken && !response.headerHasToken("Connection", "close")
        && responseBody.type() != BodyStreamer.Framing.Type.UNTIL_CLOSE;
    if (!upstreamKeepsAlive) {
      closeUpstream();
      return false;
    }
    upstreamReused = true;
    return keepAlive;
  }

  private static BodyStreamer.Tamper responseTamper(Fault fault, BodyStreamer.Framing body) {
    if (fault == null) {
      return BodyStreamer.Tamper.NONE;
    }
    return switch (fault.kind()) {
      case TRUNCATE_RESPONSE_BODY, RESET_RESPONSE_BODY -> stopAt(fault, body);
      case FLIP_RESPONSE_BYTE -> new BodyStreamer.Tamper(-1, fault.bytes() >= 0 ? fault.bytes() : body.half(0));
      default -> BodyStreamer.Tamper.NONE;
    };
  }

  /** Stop after the fault's byte count, by default half the body (1 byte if its length is unknown). */
  private static BodyStreamer.Tamper stopAt(Fault fault, BodyStreamer.Framing body) {
    return new BodyStreamer.Tamper(fault.bytes() >= 0 ? fault.bytes() : body.half(1), -1);
  }

  /** Reads the final response head, relaying interim 1xx heads; null if the registry hung up. */
  private HttpHead readResponseHead(OutputStream out) throws IOException {
    while (true) {
      HttpHead head;
      try {
        head = HttpHead.read(upIn);
      } catch (IOException e) {
        head = null;
      }
      if (head == null) {
        return null;
      }
      int status = head.status();
      if (status / 100 != 1 || status == 101) {
        return head;
      }
      head.write(out);
      out.flush();
    }
  }

  private void connectUpstream() throws IOException {
    if (upstream != null && !upstream.isClosed() && !upstream.isInputShutdown()) {
      return;
    }
    upstream = proxy.connectUpstream();
    upIn = new BufferedInputStream(upstream.getInputStream(), BUFFER);
    upOut = new BufferedOutputStream(upstream.getOutputStream(), BUFFER);
    upstreamReused = false;
  }

  private void closeUpstream() {
    if (upstream != null) {
      FaultProxy.closeQuietly(upstream);
      upstream = null;
    }
  }

  private static void writeStatus(OutputStream out, String method, Fault fault, boolean keepAlive)
      throws IOException {
    String code = switch (fault.status()) {
      case 429 -> "TOOMANYREQUESTS";
      case 503 -> "UNAVAILABLE";
      default -> "UNKNOWN";
    };
    byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"injected by FaultProxy\",\"detail\":null}]}\n")
        .getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(fault.status()).append(' ')
        .append(reason(fault.status())).append("\r\n")
        .append("Content-Type: application/json; charset=utf-8\r\n")
        .append("Docker-Distribution-Api-Version: registry/2.0\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n");
    if (fault.retryAfter() != null) {
      head.append("Retry-After: ").append(fault.retryAfter().toSeconds()).append("\r\n");
    }
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!method.equals("HEAD")) {
      out.write(body);
    }
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Injected";
    };
  }

  /** Closes with SO_LINGER 0 so the peer gets a TCP RST ("connection reset") rather than a FIN. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // closing anyway
    }
    FaultProxy.closeQuietly(socket);
  }

  private static void sleep(Duration duration) {
    if (duration == null || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
