package dev.berth.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads manifests and indexes from a JSON tree by hand. Jackson's record binding would do the same,
 * but its first use in a process costs about 100 ms of introspection, which every short-lived
 * {@code berth} command and every first pull paid; a tree walk costs about 1 ms. Writing still goes
 * through Jackson, and a property test holds the two readers to the same result on everything this one
 * accepts. Unknown fields are ignored and a missing {@code size} or {@code schemaVersion} reads as 0,
 * as with Jackson; unlike Jackson, a number is not taken for a string nor a string for a number, as
 * image-spec's types say, and a key repeated in one object is refused (Jackson's binding took the last
 * value or failed, depending on where the repeat fell).
 */
public final class ModelReader {
  private ModelReader() {}

  /**
   * Parses a manifest.
   *
   * @throws IllegalArgumentException naming {@code what} and the field at fault
   */
  public static Manifest manifest(byte[] bytes, String what) {
    JsonNode root = object(tree(bytes, what), what, "the document");
    try {
      return new Manifest(integer(root, "schemaVersion"), string(root, "mediaType"), string(root, "artifactType"),
          optionalDescriptor(root, "config"), descriptors(root, "layers"), optionalDescriptor(root, "subject"),
          stringMap(root, "annotations"));
    } catch (Bad b) {
      throw b.in(what);
    }
  }

  /**
   * Parses an index (also a referrers list or an OCI layout's {@code index.json}).
   *
   * @throws IllegalArgumentException naming {@code what} and the field at fault
   */
  public static Index index(byte[] bytes, String what) {
    JsonNode root = object(tree(bytes, what), what, "the document");
    try {
      return new Index(integer(root, "schemaVersion"), string(root, "mediaType"), string(root, "artifactType"),
          descriptors(root, "manifests"), optionalDescriptor(root, "subject"), stringMap(root, "annotations"));
    } catch (Bad b) {
      throw b.in(what);
    }
  }

  private static JsonNode tree(byte[] bytes, String what) {
    return Json.readTreeWithUniqueKeys(bytes, what);
  }

  private static JsonNode object(JsonNode node, String what, String field) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " is not valid: " + field + " is not a JSON object");
    }
    return node;
  }

  private static @Nullable Descriptor optionalDescriptor(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n == null || n.isNull() ? null : descriptor(n, field);
  }

  private static List<Descriptor> descriptors(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return List.of(); // as the records read an absent list
    }
    if (!n.isArray()) {
      throw new Bad(field + " is not an array");
    }
    List<Descriptor> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(descriptor(n.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  private static Descriptor descriptor(JsonNode n, String path) {
    if (!n.isObject()) {
      throw new Bad(path + " is not a descriptor object");
    }
    String mediaType = string(n, "mediaType", path);
    String digest = string(n, "digest", path);
    if (mediaType == null) {
      throw new Bad(path + ".mediaType is missing");
    }
    if (digest == null) {
      throw new Bad(path + ".digest is missing");
    }
    Digest parsed;
    try {
      parsed = Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw new Bad(path + ".digest: " + e.getMessage());
    }
    long size = integer(n, "size", path);
    if (size < 0) {
      throw new Bad(path + ".size must not be negative: " + size);
    }
    JsonNode platform = n.get("platform");
    return new Descriptor(mediaType, parsed, size, strings(n, "urls", path), stringMap(n, "annotations", path),
        string(n, "data", path), platform == null || platform.isNull() ? null : platform(platform, path + ".platform"),
        string(n, "artifactType", path));
  }

  private static Platform platform(JsonNode n, String path) {
    if (!n.isObject()) {
      throw new Bad(path + " is not an object");
    }
    return new Platform(string(n, "architecture", path), string(n, "os", path), string(n, "os.version", path),
        strings(n, "os.features", path), string(n, "variant", path), strings(n, "features", path));
  }

  private static @Nullable String string(JsonNode parent, String field) {
    return string(parent, field, null);
  }

  private static @Nullable String string(JsonNode parent, String field, @Nullable String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new Bad(name(path, field) + " is not a string");
    }
    return n.textValue();
  }

  private static int integer(JsonNode parent, String field) {
    long v = integer(parent, field, null);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new Bad(field + " is out of range: " + v);
    }
    return (int) v;
  }

  private static long integer(JsonNode parent, String field, @Nullable String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new Bad(name(path, field) + " is not an integer: " + shorten(n.toString()));
    }
    return n.asLong();
  }

  private static @Nullable List<String> strings(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw new Bad(name(path, field) + " is not an array of strings");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new Bad(name(path, field) + " holds something that is not a string");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static @Nullable Map<String, String> stringMap(JsonNode parent, String field) {
    return stringMap(parent, field, null);
  }

  private static @Nullable Map<String, String> stringMap(JsonNode parent, String field, @Nullable String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new Bad(name(path, field) + " is not an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      JsonNode v = e.getValue();
      if (!v.isTextual() && !v.isNull()) {
        throw new Bad(name(path, field) + "[" + shorten(e.getKey()) + "] is not a string");
      }
      out.put(e.getKey(), v.textValue());
    }
    return out;
  }

  private static String name(@Nullable String path, String field) {
    return path == null ? field : path + "." + field;
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** A field at fault, before the caller's name for the document is known. */
  private static final class Bad extends RuntimeException {
    Bad(String problem) {
      super(problem, null, false, false);
    }

    IllegalArgumentException in(String what) {
      return new IllegalArgumentException(what + " is not valid: " + getMessage());
    }
  }
}
