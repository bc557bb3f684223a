package dev.berth.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.DemoTable;
import dev.berth.core.layout.OciLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir
  Path dir;

  @Test
  void runsOnLayoutsTwiceWithTheSameDigests() throws Exception {
    List<String> log = new ArrayList<>();
    Demo demo = new Demo(DemoDestination.layouts(dir.resolve("layouts")), dir, log::add);

    List<DemoRow> first = demo.run();
    List<DemoRow> second = demo.run();

    assertEquals(DemoArtifacts.all(DemoInputs.write(dir.resolve("inputs"))).size(), first.size());
    for (int i = 0; i < first.size(); i++) {
      DemoRow a = first.get(i);
      DemoRow b = second.get(i);
      assertEquals(a.digest(), b.digest(), "same content, same digest: " + a.kind());
      assertTrue(a.nodes() >= 3, a.toString());
      OciLayout layout = OciLayout.open(dir.resolve("layouts").resolve(repositoryDir(a)));
      assertEquals(List.of(a.tag()), layout.tags(), "re-running replaces the tag, it does not add one");
      assertEquals(a.digest(), layout.resolve(a.tag()).digest());
    }
    assertTrue(Files.isDirectory(dir.resolve("pulled")));
    assertTrue(log.stream().anyMatch(l -> l.startsWith("verify ")), log.toString());
  }

  @Test
  void tableHasOneAlignedLinePerArtifact() throws Exception {
    List<DemoRow> rows = new Demo(DemoDestination.layouts(dir.resolve("layouts")), dir, line -> { }).run();
    String table = DemoTable.render(rows);
    List<String> lines = table.lines().toList();
    assertEquals(rows.size() + 1, lines.size(), table);
    assertTrue(lines.get(0).matches("KIND +REFERENCE +DIGEST +SIZE +TIME"), table);
    int digestColumn = lines.get(0).indexOf("DIGEST");
    for (int i = 1; i < lines.size(); i++) {
      assertEquals(digestColumn, lines.get(i).indexOf("sha256:"), table);
    }
  }

  private static String repositoryDir(DemoRow row) {
    String repo = row.repository();
    return repo.substring(repo.lastIndexOf('/') + 1);
  }
}
