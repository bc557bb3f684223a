package dev.berth.artifacts.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.artifacts.helm.internal.HelmJson;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Chart.yaml with {@code version} / {@code appVersion} replaced, as {@code helm package --version} writes it. */
final class ChartYamlOverrides {
  private static final ObjectMapper WRITER = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      // appVersion "1.10" must stay a string: unquoted, YAML readers (Helm's too) would see the number 1.1.
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  private ChartYamlOverrides() {}

  static byte[] apply(byte[] chartYaml, @Nullable String version, @Nullable String appVersion) {
    try {
      JsonNode tree = HelmJson.YAML.readTree(chartYaml);
      if (!(tree instanceof ObjectNode fields)) {
        throw new IllegalArgumentException("Chart.yaml is not a YAML mapping");
      }
      if (version != null) {
        fields.put("version", version);
      }
      if (appVersion != null) {
        fields.put("appVersion", appVersion);
      }
      return WRITER.writeValueAsBytes(fields);
    } catch (IOException e) {
      throw new IllegalArgumentException("Chart.yaml is not valid: " + HelmJson.message(e), e);
    }
  }
}
