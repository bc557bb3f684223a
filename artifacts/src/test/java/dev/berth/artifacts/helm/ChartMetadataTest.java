package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartMetadataTest {
  static final String CHART_YAML = """
      apiVersion: v2
      name: demo
      description: A <demo> & more
      type: application
      version: 1.2.3+build.7
      appVersion: "1.16.0"
      home: https://example.com
      sources:
        - https://github.com/acme/demo
        - https://mirror.example.com/demo
      maintainers:
        - name: Ann
          email: ann@example.com
        - name: Bob
      annotations:
        zeta: z
        alpha: a
        org.opencontainers.image.title: not-the-name
      dependencies:
        - name: redis
          version: ~17.0
          repository: oci://registry.example.com/charts
          import-values:
            - child: a
              parent: b
      unknownField: ignored
      """;

  @Test
  void configJsonIsWhatGoWouldWrite() {
    ChartMetadata m = ChartMetadata.parseYaml(CHART_YAML.getBytes(StandardCharsets.UTF_8)).validate();
    String json = new String(m.toConfigJson(), StandardCharsets.UTF_8);
    // Field order of Helm's Metadata struct, omitempty, sorted map keys, Go's HTML-safe escapes.
    assertEquals("{\"name\":\"demo\",\"home\":\"https://example.com\",\"sources\":[\"https://github.com/acme/demo\","
        + "\"https://mirror.example.com/demo\"],\"version\":\"1.2.3+build.7\",\"description\":\"A \\u003cdemo\\u003e"
        + " \\u0026 more\",\"maintainers\":[{\"name\":\"Ann\",\"email\":\"ann@example.com\"},{\"name\":\"Bob\"}],"
        + "\"apiVersion\":\"v2\",\"appVersion\":\"1.16.0\",\"annotations\":{\"alpha\":\"a\","
        + "\"org.opencontainers.image.title\":\"not-the-name\",\"zeta\":\"z\"},\"dependencies\":[{\"name\":\"redis\","
        + "\"version\":\"~17.0\",\"repository\":\"oci://registry.example.com/charts\",\"import-values\":[{\"child\":\"a\","
        + "\"parent\":\"b\"}]}],\"type\":\"application\"}", json);
    assertEquals(m, ChartMetadata.parseConfig(m.toConfigJson()));
  }

  @Test
  void ociAnnotationsFollowHelm() {
    ChartMetadata m = ChartMetadata.parseYaml(CHART_YAML.getBytes(StandardCharsets.UTF_8));
    Map<String, String> a = m.ociAnnotations("2024-01-01T00:00:00Z");
    assertEquals("demo", a.get("org.opencontainers.image.title"));
    assertEquals("1.2.3+build.7", a.get("org.opencontainers.image.version"));
    assertEquals("A <demo> & more", a.get("org.opencontainers.image.description"));
    assertEquals("https://example.com", a.get("org.opencontainers.image.url"));
    assertEquals("https://github.com/acme/demo", a.get("org.opencontainers.image.source"));
    assertEquals("Ann (ann@example.com), Bob", a.get("org.opencontainers.image.authors"));
    assertEquals("2024-01-01T00:00:00Z", a.get("org.opencontainers.image.created"));
    assertEquals("a", a.get("alpha"));
  }

  @Test
  void validationFollowsHelm() {
    assertThrows(IllegalArgumentException.class, () -> parse("name: x\nversion: 1.0.0\n").validate());
    assertThrows(IllegalArgumentException.class, () -> parse("apiVersion: v2\nversion: 1.0.0\n").validate());
    assertThrows(IllegalArgumentException.class, () -> parse("apiVersion: v2\nname: ../x\nversion: 1.0.0\n").validate());
    assertThrows(IllegalArgumentException.class, () -> parse("apiVersion: v2\nname: x\nversion: one\n").validate());
    assertThrows(IllegalArgumentException.class,
        () -> parse("apiVersion: v2\nname: x\nversion: 1.0.0\ntype: plugin\n").validate());
    assertEquals("x-1.0.tgz", parse("apiVersion: v2\nname: x\nversion: \"1.0\"\n").validate().archiveFileName());
  }

  @Test
  void brokenYamlIsAnIllegalArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("name: [unclosed"));
    assertTrue(e.getMessage().startsWith("Chart.yaml is not valid"), e.getMessage());
  }

  private static ChartMetadata parse(String yaml) {
    return ChartMetadata.parseYaml(yaml.getBytes(StandardCharsets.UTF_8));
  }
}
