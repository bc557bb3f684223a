package dev.berth.cli.training;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of the distribution API, in memory on a loopback port, for {@link StartupTraining} to run
 * berth's network commands without a network: blobs (HEAD, GET, monolithic upload, mount), manifests
 * (HEAD, GET, PUT by tag or digest) and tag lists. Only ever serves the training process itself.
 */
final class LoopbackRegistry implements AutoCloseable {
  private static final Pattern PATH = Pattern.compile(
      "^/v2/(.+)/(blobs/uploads/[^/]*|blobs/[^/]+|manifests/[^/]+|tags/list|referrers/[^/]+)$");

  private final HttpServer server;
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<String, String> manifestTypes = new ConcurrentHashMap<>();

  LoopbackRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      if (path.equals("/v2/") || path.equals("/v2")) {
        send(ex, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
        return;
      }
      Matcher m = PATH.matcher(path);
      if (!m.matches()) {
        error(ex, 404, "NAME_UNKNOWN");
        return;
      }
      String name = m.group(1);
      String rest = m.group(2);
      if (rest.startsWith("blobs/uploads/")) {
        upload(ex, name, method, rest.substring("blobs/uploads/".length()));
      } else if (rest.startsWith("blobs/")) {
        byte[] blob = blobs.get(rest.substring("blobs/".length()));
        if (blob == null) {
          error(ex, 404, "BLOB_UNKNOWN");
        } else {
          send(ex, 200, "application/octet-stream", blob, rest.substring("blobs/".length()));
        }
      } else if (rest.startsWith("manifests/")) {
        manifest(ex, name, method, rest.substring("manifests/".length()));
      } else if (rest.equals("tags/list")) {
        TreeSet<String> tags = new TreeSet<>();
        manifests.keySet().stream().filter(k -> k.startsWith(name + ":")).map(k -> k.substring(name.length() + 1))
            .filter(t -> !t.contains(":")).forEach(tags::add);
        String json = "{\"name\":\"" + name + "\",\"tags\":[" + String.join(",", tags.stream()
            .map(t -> "\"" + t + "\"").toList()) + "]}";
        send(ex, 200, "application/json", json.getBytes(StandardCharsets.UTF_8), null);
      } else {
        error(ex, 404, "NAME_UNKNOWN"); // no referrers API: clients fall back to the tag schema
      }
    }
  }

  private void upload(HttpExchange ex, String name, String method, String session) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    Map<String, String> params = query(query);
    if (method.equals("POST")) {
      String mount = params.get("mount");
      if (mount != null && blobs.containsKey(mount)) {
        ex.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/" + mount);
        send(ex, 201, null, new byte[0], mount);
        return;
      }
      ex.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/uploads/" + UUID.randomUUID());
      ex.getResponseHeaders().add("Range", "0-0");
      send(ex, 202, null, new byte[0], null);
    } else if (method.equals("PUT") && params.containsKey("digest")) {
      byte[] body = read(ex.getRequestBody());
      String digest = params.get("digest");
      if (!digest.equals(sha256(body))) {
        error(ex, 400, "DIGEST_INVALID");
        return;
      }
      blobs.put(digest, body);
      ex.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/" + digest);
      send(ex, 201, null, new byte[0], digest);
    } else {
      error(ex, 405, "UNSUPPORTED");
    }
  }

  private void manifest(HttpExchange ex, String name, String method, String reference) throws IOException {
    if (method.equals("PUT")) {
      byte[] body = read(ex.getRequestBody());
      String digest = sha256(body);
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      for (String key : List.of(name + ":" + digest, name + ":" + reference)) {
        manifests.put(key, body);
        manifestTypes.put(key, type);
      }
      ex.getResponseHeaders().add("Location", "/v2/" + name + "/manifests/" + digest);
      send(ex, 201, null, new byte[0], digest);
      return;
    }
    byte[] body = manifests.get(name + ":" + reference);
    if (body == null) {
      error(ex, 404, "MANIFEST_UNKNOWN");
      return;
    }
    send(ex, 200, manifestTypes.get(name + ":" + reference), body, sha256(body));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body, String digest) throws IOException {
    if (type != null) {
      ex.getResponseHeaders().add("Content-Type", type);
    }
    if (digest != null) {
      ex.getResponseHeaders().add("Docker-Content-Digest", digest);
    }
    boolean head = ex.getRequestMethod().equals("HEAD");
    if (head) {
      ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
    }
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void error(HttpExchange ex, int status, String code) throws IOException {
    send(ex, status, "application/json", ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + code.toLowerCase()
        + "\"}]}").getBytes(StandardCharsets.UTF_8), null);
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new ConcurrentHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
