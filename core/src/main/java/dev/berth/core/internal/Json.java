package dev.berth.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.auth.JsonTrees;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The one Jackson configuration berth uses for OCI JSON: nulls omitted, unknown fields tolerated. */
public final class Json {
  private Json() {}

  // Made on first use, not when this class loads: an ObjectMapper costs ~190 ms in a fresh process, and
  // the common paths (manifests, tags, errors) read trees without one.
  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The one configured ObjectMapper, for record binding and writing trees; thread-safe. */
  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  /**
   * The JSON tree of {@code bytes} ({@code MissingNode} when empty), read without an ObjectMapper.
   *
   * @throws IOException when the bytes are not JSON or exceed the parser's limits
   */
  public static JsonNode tree(byte[] bytes) throws IOException {
    return JsonTrees.parse(bytes);
  }

  /** Compact JSON bytes of {@code value}. */
  public static byte[] write(Object value) {
    try {
      return mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses {@code bytes} as {@code type}.
   *
   * @throws IllegalArgumentException naming {@code what} when the bytes are not valid JSON of that shape
   */
  public static <T> T read(byte[] bytes, Class<T> type, String what) {
    if (type == JsonNode.class) {
      return type.cast(nonEmptyTree(JsonTrees::parse, bytes, what)); // no ObjectMapper needed
    }
    try {
      return mapper().readValue(bytes, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + originalMessage(e), e);
    }
  }

  /**
   * As {@link #read} into a tree, but a key repeated within one object is an error: parsers that keep the
   * first value and parsers that keep the last would read different content from the same bytes, which
   * is no way to read a manifest whose digest is meant to fix what it says.
   *
   * @throws IllegalArgumentException naming {@code what} when the bytes are not valid JSON or repeat a key
   */
  public static JsonNode readTreeWithUniqueKeys(byte[] bytes, String what) {
    return nonEmptyTree(JsonTrees::parseWithUniqueKeys, bytes, what);
  }

  private interface TreeParser {
    JsonNode parse(byte[] bytes) throws IOException;
  }

  private static JsonNode nonEmptyTree(TreeParser parser, byte[] bytes, String what) {
    JsonNode tree;
    try {
      tree = parser.parse(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + originalMessage(e), e);
    }
    if (tree.isMissingNode()) {
      throw new IllegalArgumentException(what + " is not valid JSON: no content");
    }
    return tree;
  }

  private static @Nullable String originalMessage(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
