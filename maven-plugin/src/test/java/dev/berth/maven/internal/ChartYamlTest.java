package dev.berth.maven.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChartYamlTest {
  private static final String CHART = """
      apiVersion: v2
      name: greeter
      # the version is set by the build
      version: 0.0.0
      dependencies:
        - name: common
          version: 1.0.0
      """;

  @Test
  void replacesTopLevelVersionAndAddsAppVersionKeepingEverythingElse() {
    String out = new String(ChartYaml.withVersions(CHART.getBytes(UTF_8), "1.2.3-SNAPSHOT", "1.2.3-SNAPSHOT"), UTF_8);
    assertEquals("""
        apiVersion: v2
        name: greeter
        # the version is set by the build
        version: "1.2.3-SNAPSHOT"
        dependencies:
          - name: common
            version: 1.0.0
        appVersion: "1.2.3-SNAPSHOT"
        """, out);
  }

  @Test
  void nullLeavesAKeyAsWritten() {
    assertArrayEquals(CHART.getBytes(UTF_8), ChartYaml.withVersions(CHART.getBytes(UTF_8), null, null));
  }

  @Test
  void crlfFilesStayCrlf() {
    byte[] in = "name: a\r\nversion: 1.0.0\r\n".getBytes(UTF_8);
    assertEquals("name: a\r\nversion: \"2.0.0\"\r\n", new String(ChartYaml.withVersions(in, "2.0.0", null), UTF_8));
  }

  @Test
  void valuesThatWouldChangeTheYamlAreRefused() {
    byte[] in = CHART.getBytes(UTF_8);
    for (String hostile : new String[] {"1.0\"\nname: evil", "1.0 # x", "", "1.0\u001b[31m", "../1"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ChartYaml.withVersions(in, hostile, null), hostile);
      assertTrue(!e.getMessage().contains("\u001b") && !e.getMessage().contains("\n"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ChartYaml.withVersions(in, null, hostile), hostile);
    }
  }

  @Test
  void aChartYamlThatIsNotUtf8IsRefused() {
    byte[] latin1 = "name: caf\u00e9\nversion: 1.0.0\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThrows(IllegalArgumentException.class, () -> ChartYaml.withVersions(latin1, "1.0.1", null));
  }
}
