package dev.berth.core.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.RegistryError;
import dev.berth.core.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/** Reads a registry's {@code {"errors":[{"code","message","detail"}]}} body (distribution-spec "Error Codes"). */
public final class ErrorBodies {
  /**
   * Error bodies are read into memory, so a hostile or broken server must not make that unbounded;
   * real ones are a few hundred bytes.
   */
  public static final int MAX_BYTES = 8 * 1024;

  private ErrorBodies() {}

  /**
   * The entries of {@code response}'s body, as text fit for a message: every secret the client sent
   * removed and control characters escaped (a hostile registry may echo the Authorization header it got,
   * or send escape sequences for the user's terminal). Empty when the body is absent, not JSON, not of
   * the spec's shape, or over the cap.
   */
  public static List<RegistryError> read(Response response) {
    List<RegistryError> clean = new ArrayList<>();
    for (RegistryError e : read(response.body())) {
      clean.add(new RegistryError(SentSecrets.clean(e.code(), response), SentSecrets.clean(e.message(), response),
          SentSecrets.clean(e.detail(), response)));
    }
    return clean;
  }

  /**
   * The entries of {@code body} as the server wrote them; empty when it is absent, not JSON, not of that
   * shape, or over the cap. Callers that show them use {@link #read(Response)}.
   */
  static List<RegistryError> read(ResponseBody body) {
    if (body == null) {
      return List.of();
    }
    try {
      byte[] bytes = readAtMost(body.source(), MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        return List.of();
      }
      return parse(bytes);
    } catch (IOException e) {
      // The status already says what went wrong; a body we cannot read only loses detail.
      return List.of();
    }
  }

  /** Parses an error body; empty when it is not of the spec's shape. */
  public static List<RegistryError> parse(byte[] bytes) {
    JsonNode root;
    try {
      root = Json.tree(bytes);
    } catch (IOException e) {
      return List.of();
    }
    JsonNode errors = root == null ? null : root.get("errors");
    if (errors == null || !errors.isArray()) {
      return List.of();
    }
    List<RegistryError> out = new ArrayList<>();
    for (JsonNode e : errors) {
      if (!e.isObject()) {
        continue;
      }
      String code = text(e.get("code"));
      String message = text(e.get("message"));
      JsonNode detail = e.get("detail");
      out.add(new RegistryError(code == null ? "UNKNOWN" : code, message == null ? "" : message,
          detail == null || detail.isNull() ? null : detail.toString()));
    }
    return out;
  }

  static byte[] readAtMost(BufferedSource source, long limit) throws IOException {
    Buffer buffer = new Buffer();
    while (buffer.size() < limit) {
      long n = source.read(buffer, limit - buffer.size());
      if (n < 0) {
        break;
      }
    }
    return buffer.readByteArray();
  }

  private static @Nullable String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
  }
}
