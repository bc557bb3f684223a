package dev.berth.artifacts.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wasm push and pull options: built one setting at a time, copied, compared, and safe to share. */
class WasmOptionsTest {
  @Test
  void pushDefaultsSetNothing() {
    WasmPushOptions d = WasmPushOptions.defaults();
    assertNull(d.author());
    assertNull(d.created());
    assertNull(d.component());
    assertEquals(Map.of(), d.annotations());
    assertEquals(d, WasmPushOptions.builder().build());
  }

  @Test
  void pushOptionsKeepEverySettingThroughACopyAndSortAnnotations() {
    Map<String, String> unsorted = new LinkedHashMap<>();
    unsorted.put("org.example.z", "last");
    unsorted.put("org.example.a", "first");
    WasmComponent component = new WasmComponent(List.of("wasi:cli/run@0.2.0"), List.of(), null);
    WasmPushOptions o = WasmPushOptions.builder()
        .author("team")
        .created(Instant.EPOCH)
        .component(component)
        .annotations(unsorted)
        .annotation("org.example.m", "middle")
        .build();

    assertEquals(List.of("org.example.a", "org.example.m", "org.example.z"), List.copyOf(o.annotations().keySet()));
    assertEquals(o, o.newBuilder().build());
    assertEquals(o.hashCode(), o.newBuilder().build().hashCode());
    WasmPushOptions other = o.newBuilder().author(null).build();
    assertNull(other.author());
    assertEquals("team", o.author(), "the original is unchanged");
    assertNotEquals(o, other);
    assertEquals(Instant.EPOCH, other.created());
    assertEquals(component, other.component());
    assertTrue(o.toString().startsWith("WasmPushOptions[author=team, created=1970-01-01T00:00:00Z"), o.toString());
  }

  @Test
  void builtPushOptionsCannotBeChangedThroughTheirMapOrTheirBuilder() {
    WasmPushOptions.Builder b = WasmPushOptions.builder().annotation("org.example.k", "v");
    WasmPushOptions o = b.build();
    b.annotation("org.example.later", "x");

    assertEquals(Map.of("org.example.k", "v"), o.annotations());
    assertThrows(UnsupportedOperationException.class, () -> o.annotations().put("org.example.x", "y"));
  }

  @Test
  void pullDefaultsReplaceNothing() {
    assertFalse(WasmPullOptions.defaults().overwrite(), "one default for overwrite across berth: false");
    WasmPullOptions replace = WasmPullOptions.builder().overwrite(true).build();
    assertTrue(replace.overwrite());
    assertEquals(replace, WasmPullOptions.defaults().newBuilder().overwrite(true).build());
    assertNotEquals(replace, WasmPullOptions.defaults());
    assertEquals("WasmPullOptions[overwrite=true]", replace.toString());
  }
}
