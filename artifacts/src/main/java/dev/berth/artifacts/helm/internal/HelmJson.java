package dev.berth.artifacts.helm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Jackson set up to read Chart.yaml and to write JSON the way Go's {@code encoding/json} does, so that a
 * chart's config blob (and so the manifest digest) matches what Helm itself pushes.
 */
public final class HelmJson {
  private HelmJson() {}

  /** Reads Chart.yaml; unknown keys are ignored as Helm ignores them. */
  public static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** Reads and writes config JSON; map entries sorted by key as Go writes them. */
  public static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  static {
    JSON.getFactory().setCharacterEscapes(new GoEscapes());
  }

  /** Compact JSON bytes of {@code value}. */
  public static byte[] write(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** The parser's own message, without Jackson's source-location noise. */
  public static @Nullable String message(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  /**
   * Go escapes {@code < > &} (HTML safety) and U+2028/U+2029 (JavaScript line terminators) with
   * lower-case {@code \\u00XX} sequences; Jackson escapes none of them by default.
   */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    GoEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '<' -> new SerializedString("\\u003c");
        case '>' -> new SerializedString("\\u003e");
        case '&' -> new SerializedString("\\u0026");
        case 0x2028 -> new SerializedString("\\u2028");
        case 0x2029 -> new SerializedString("\\u2029");
        default -> null;
      };
    }
  }
}
