package dev.berth.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Parses JSON into Jackson's tree nodes with jackson-core's streaming parser alone, for every small
 * document berth reads on its common paths (token answers, config.json, manifests, tag lists, error
 * bodies). The result is what {@code ObjectMapper.readTree} gives, but no ObjectMapper is made: building
 * one loads ~375 classes and took ~190 ms of a fresh process's time, a third of a {@code berth
 * resolve}. Public so that every berth module parses with this one class (auth is the lowest of them);
 * an embedder reading small JSON documents may use it too.
 */
public final class JsonTrees {
  /** One factory for parsers and generators; thread-safe, with Jackson's default read limits. */
  public static final JsonFactory FACTORY = new JsonFactory();

  private static final JsonFactory UNIQUE_KEYS =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /**
   * The tree of {@code bytes}: {@link MissingNode} when there is no content, as {@code readTree} gives.
   * Anything after the first value is ignored, as {@code readTree} ignores it.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException when the bytes are not JSON, or nest
   *     deeper or run longer than the parser's limits
   */
  public static JsonNode parse(byte[] bytes) throws IOException {
    return parse(FACTORY, bytes);
  }

  /**
   * As {@link #parse}, but a key repeated within one object is an error (readTree keeps the last).
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException also for a repeated key
   */
  public static JsonNode parseWithUniqueKeys(byte[] bytes) throws IOException {
    return parse(UNIQUE_KEYS, bytes);
  }

  private static JsonNode parse(JsonFactory factory, byte[] bytes) throws IOException {
    try (JsonParser p = factory.createParser(bytes)) {
      JsonToken first = p.nextToken();
      return first == null ? MissingNode.getInstance() : value(p, first);
    }
  }

  // Depth is bounded by the parser's own nesting limit (StreamReadConstraints, 1000 by default).
  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(value(p, e));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }
}
