package dev.berth.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.berth.auth.JsonTrees;
import dev.berth.core.Descriptor;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes manifests and indexes with Jackson's streaming generator, field by field, in the order the
 * records declare ({@code @JsonPropertyOrder}) and leaving out nulls, as the record binding does. The
 * bytes are the same (a property test compares them; a manifest's digest depends on them); the cost on
 * first use in a process is a few milliseconds instead of the binding's ~85 ms of introspection.
 */
public final class ModelWriter {
  private ModelWriter() {}

  /** Compact JSON of {@code m}. */
  public static byte[] manifest(Manifest m) {
    return document(m.schemaVersion(), m.mediaType(), m.artifactType(), g -> {
      descriptor(g, "config", m.config());
      descriptors(g, "layers", m.layers());
    }, m.subject(), m.annotations());
  }

  /** Compact JSON of {@code i}. */
  public static byte[] index(Index i) {
    return document(i.schemaVersion(), i.mediaType(), i.artifactType(),
        g -> descriptors(g, "manifests", i.manifests()), i.subject(), i.annotations());
  }

  // Manifest and Index share their first three and last two fields, in this order.
  private static byte[] document(int schemaVersion, @Nullable String mediaType, @Nullable String artifactType, Body content,
      @Nullable Descriptor subject, @Nullable Map<String, String> annotations) {
    return write(g -> {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", schemaVersion);
      string(g, "mediaType", mediaType);
      string(g, "artifactType", artifactType);
      content.write(g);
      descriptor(g, "subject", subject);
      stringMap(g, "annotations", annotations);
      g.writeEndObject();
    });
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JsonTrees.FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void descriptors(JsonGenerator g, String field, List<Descriptor> list) throws IOException {
    if (list == null) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (Descriptor d : list) {
      descriptorBody(g, d);
    }
    g.writeEndArray();
  }

  private static void descriptor(JsonGenerator g, String field, @Nullable Descriptor d) throws IOException {
    if (d != null) {
      g.writeFieldName(field);
      descriptorBody(g, d);
    }
  }

  private static void descriptorBody(JsonGenerator g, Descriptor d) throws IOException {
    g.writeStartObject();
    string(g, "mediaType", d.mediaType());
    string(g, "digest", d.digest().toString());
    g.writeNumberField("size", d.size());
    strings(g, "urls", d.urls());
    stringMap(g, "annotations", d.annotations());
    string(g, "data", d.data());
    Platform p = d.platform();
    if (p != null) {
      g.writeObjectFieldStart("platform");
      string(g, "architecture", p.architecture());
      string(g, "os", p.os());
      string(g, "os.version", p.osVersion());
      strings(g, "os.features", p.osFeatures());
      string(g, "variant", p.variant());
      strings(g, "features", p.features());
      g.writeEndObject();
    }
    string(g, "artifactType", d.artifactType());
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String field, @Nullable String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  private static void strings(JsonGenerator g, String field, @Nullable List<String> values) throws IOException {
    if (values == null) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  // Entries with null values are left out, as the binding's NON_NULL inclusion leaves them out.
  private static void stringMap(JsonGenerator g, String field, @Nullable Map<String, String> map) throws IOException {
    if (map == null) {
      return;
    }
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getValue() != null) {
        g.writeStringField(e.getKey(), e.getValue());
      }
    }
    g.writeEndObject();
  }
}
