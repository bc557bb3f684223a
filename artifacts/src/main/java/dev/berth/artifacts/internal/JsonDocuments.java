package dev.berth.artifacts.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON trees for the artifacts module's own documents (image configs, GitHub API pages). Core's JSON
 * helpers are core's internals, which no other module imports; this is the small part artifacts needs,
 * on one ObjectMapper made on first use (these paths build or edit documents, so they make one anyway).
 */
public final class JsonDocuments {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonDocuments() {}

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * The tree of {@code bytes}; {@code MissingNode} when there is no content.
   *
   * @throws IOException when the bytes are not JSON or exceed the parser's limits
   */
  public static JsonNode tree(byte[] bytes) throws IOException {
    return Holder.MAPPER.readTree(bytes);
  }

  /**
   * The tree of {@code bytes}, which must hold a JSON value.
   *
   * @throws IllegalArgumentException naming {@code what} when the bytes are empty or not JSON
   */
  public static JsonNode nonEmptyTree(byte[] bytes, String what) {
    JsonNode tree;
    try {
      tree = tree(bytes);
    } catch (IOException e) {
      String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException(what + " is not valid JSON: " + reason, e);
    }
    if (tree.isMissingNode()) {
      throw new IllegalArgumentException(what + " is not valid JSON: no content");
    }
    return tree;
  }

  /** Compact JSON bytes of {@code tree}. */
  public static byte[] write(JsonNode tree) {
    try {
      return Holder.MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** A new, empty JSON object. */
  public static ObjectNode objectNode() {
    return NODES.objectNode();
  }

  /** A new, empty JSON array. */
  public static ArrayNode arrayNode() {
    return NODES.arrayNode();
  }
}
