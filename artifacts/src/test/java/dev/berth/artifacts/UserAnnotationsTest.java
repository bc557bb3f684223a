package dev.berth.artifacts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.artifacts.files.FileEntry;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.referrers.Attach;
import dev.berth.artifacts.wasm.WasmPushOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Annotations a user gives are printed later by discover, by registries' UIs and by other tools: a key
 * or value with a newline or an escape sequence is refused where it enters, with an error that names
 * it and the character, on every way in.
 */
class UserAnnotationsTest {
  private static final List<Map<String, String>> BAD = List.of(
      Map.of("org.example\nforged", "v"),
      Map.of("org.example.k", "line one\nline two"),
      Map.of("org.example.k", "\u001b]0;title\u0007"),
      Map.of("org.example.k", "carriage\rreturn"),
      Map.of("org.example.k", "c1\u009bcontrol"));

  @Test
  void everyWayInRefusesControlCharactersInKeysAndValues() {
    List<Consumer<Map<String, String>>> ways = List.of(
        a -> FilePush.builder().annotations(a),
        a -> a.forEach(FilePush.builder()::annotation),
        a -> FilePush.builder().configAnnotations(a),
        a -> FileEntry.builder(Path.of("f")).annotations(a),
        a -> a.forEach(FileEntry.builder(Path.of("f"))::annotation),
        a -> Attach.builder("application/vnd.example").annotations(a),
        a -> WasmPushOptions.builder().annotations(a),
        a -> a.forEach(WasmPushOptions.builder()::annotation),
        a -> Annotations.builder().description(a.values().iterator().next()).build());
    for (Consumer<Map<String, String>> way : ways) {
      for (Map<String, String> annotations : BAD) {
        if (way == ways.get(ways.size() - 1) && annotations.values().iterator().next().equals("v")) {
          continue; // the description takes a value only
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> way.accept(annotations),
            annotations.toString());
        assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\u001b'), e.getMessage());
      }
    }
  }

  @Test
  void theErrorNamesTheAnnotationAndTheCharacter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilePush.builder().annotation("org.example.k", "a\nb"));
    assertEquals("annotation org.example.k: its value has a control character (\\n at position 2);"
        + " annotation keys and values must be printable text", e.getMessage());
  }

  @Test
  void printableUnicodeIsAccepted() {
    assertDoesNotThrow(() -> FilePush.builder().annotation("org.example.k", "Grüße, 世界 – ✓ end"));
  }
}
