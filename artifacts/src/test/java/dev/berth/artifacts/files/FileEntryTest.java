package dev.berth.artifacts.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file entry: titled by its file name unless told otherwise, checked where each part is set. */
class FileEntryTest {
  @Test
  void anEntryIsTitledByItsFileNameWithTheDefaultMediaType() {
    FileEntry e = FileEntry.of(Path.of("build/app.jar"));
    assertEquals("app.jar", e.title());
    assertNull(e.mediaType());
    assertEquals(Map.of(), e.annotations());
    assertEquals(e, FileEntry.builder(Path.of("build/app.jar")).build());
    assertEquals(e.hashCode(), FileEntry.builder(Path.of("build/app.jar")).build().hashCode());
  }

  @Test
  void theBuilderSetsTitleMediaTypeAndAnnotationsInOrderAndACopyKeepsThem() {
    FileEntry e = FileEntry.builder(Path.of("build/app.jar"))
        .title("lib/app.jar")
        .mediaType("application/java-archive")
        .annotation("org.example.z", "1")
        .annotations(Map.of("org.example.a", "2"))
        .build();

    assertEquals("lib/app.jar", e.title());
    assertEquals("application/java-archive", e.mediaType());
    assertEquals(List.of("org.example.z", "org.example.a"), List.copyOf(e.annotations().keySet()));
    assertEquals(e, e.newBuilder().build());
    FileEntry retitled = e.newBuilder().title("app.jar").build();
    assertNotEquals(e, retitled);
    assertEquals(e.annotations(), retitled.annotations());
    assertThrows(UnsupportedOperationException.class, () -> e.annotations().put("k", "v"));
    assertTrue(e.toString().startsWith("FileEntry[path=build/app.jar, title=lib/app.jar"), e.toString());
  }

  @Test
  void aPathWithoutAFileNameNeedsATitleAndABadMediaTypeIsRefused() {
    IllegalArgumentException noName = assertThrows(IllegalArgumentException.class, () -> FileEntry.of(Path.of("/")));
    assertTrue(noName.getMessage().contains("has no file name"), noName.getMessage());
    assertEquals("root", FileEntry.builder(Path.of("/"), "root").build().title());
    assertThrows(IllegalArgumentException.class, () -> FileEntry.of(Path.of("a.txt"), "not a media type"));
    assertThrows(NullPointerException.class, () -> FileEntry.builder(Path.of("a.txt")).title(null));
  }
}
