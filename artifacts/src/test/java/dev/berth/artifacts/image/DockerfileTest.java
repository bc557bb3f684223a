package dev.berth.artifacts.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser: directives, comments, continuations, flags. */
class DockerfileTest {
  @Test
  void directivesCommentsAndContinuations() {
    Dockerfile d = Dockerfile.parse("""
        # syntax=docker/dockerfile:1
        # escape=`
        # a comment
        FROM base:1
        ENV A=1 `
        # a comment inside is dropped
            B=2

        copy --chown=1:2 --chmod=755 src/ /app/
        CMD ["python3", "app.py"]
        """);
    assertEquals('`', d.escape());
    List<Dockerfile.Instruction> ins = d.instructions();
    assertEquals(4, ins.size());
    assertEquals(new Dockerfile.Instruction(4, "FROM", List.of(), "base:1"), ins.get(0));
    assertEquals(new Dockerfile.Instruction(5, "ENV", List.of(), "A=1     B=2"), ins.get(1));
    assertEquals(new Dockerfile.Instruction(9, "COPY", List.of("--chown=1:2", "--chmod=755"), "src/ /app/"), ins.get(2));
    assertEquals("COPY --chown=1:2 --chmod=755 src/ /app/", ins.get(2).toString());
  }

  @Test
  void directivesOnlyCountAtTheTop() {
    Dockerfile d = Dockerfile.parse("FROM x\n# escape=`\nENV A=b\\\n c\n");
    assertEquals('\\', d.escape());
    assertEquals("A=b c", d.instructions().get(1).arguments());
  }

  @Test
  void malformedDirectivesAndKeywordsNameTheLine() {
    DockerfileException e = assertThrows(DockerfileException.class, () -> Dockerfile.parse("# escape=x\nFROM a"));
    assertEquals(1, e.line());
    DockerfileException k = assertThrows(DockerfileException.class, () -> Dockerfile.parse("FROM a\n\n{weird}\n"));
    assertEquals(3, k.line());
    assertTrue(k.getMessage().startsWith("Dockerfile line 3:"), k.getMessage());
  }
}
