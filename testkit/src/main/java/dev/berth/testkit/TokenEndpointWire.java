package dev.berth.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The token endpoint's wire format: form and query parsing, JSON answers and error bodies. */
final class TokenEndpointWire {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenEndpointWire() {}

  static byte[] json(Object body) throws IOException {
    return JSON.writeValueAsBytes(body);
  }

  static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  static byte[] errorBody(String code, String message) {
    try {
      return JSON.writeValueAsBytes(Map.of("errors", List.of(Map.of("code", code, "message", message))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] oauthError(String error) {
    return ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static Map<String, List<String>> parseForm(String raw) {
    Map<String, List<String>> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }
}
