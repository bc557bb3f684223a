package dev.berth.artifacts.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.archive.SafeExtractor;
import org.junit.jupiter.api.Test;

/** The pull options are a value built one setting at a time: defaults, copies, equality, refusals. */
class FilePullOptionsTest {
  @Test
  void theDefaultsLoseNothingAndUseTheExtractorsLimits() {
    FilePullOptions d = FilePullOptions.defaults();
    assertFalse(d.overwrite(), "an existing file fails the pull unless asked");
    assertEquals(SafeExtractor.DEFAULT_MAX_BYTES, d.maxUnpackedBytes());
    assertEquals(SafeExtractor.DEFAULT_MAX_ENTRIES, d.maxEntries());
    assertEquals(d, FilePullOptions.builder().build());
  }

  @Test
  void aCopyChangesOnlyWhatItSetsAndLeavesTheOriginalAlone() {
    FilePullOptions limited = FilePullOptions.builder().maxUnpackedBytes(1 << 20).maxEntries(10).build();
    FilePullOptions both = limited.newBuilder().overwrite(true).build();

    assertTrue(both.overwrite());
    assertEquals(1 << 20, both.maxUnpackedBytes());
    assertEquals(10, both.maxEntries());
    assertFalse(limited.overwrite());
    assertNotEquals(limited, both);
    assertEquals(both, limited.newBuilder().overwrite(true).build());
    assertEquals(both.hashCode(), limited.newBuilder().overwrite(true).build().hashCode());
    assertEquals("FilePullOptions[overwrite=true, maxUnpackedBytes=1048576, maxEntries=10]", both.toString());
  }

  @Test
  void aLimitThatIsNotPositiveIsRefusedWhereItIsSet() {
    IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
        () -> FilePullOptions.builder().maxUnpackedBytes(0));
    assertEquals("maxUnpackedBytes must be positive, got 0", bytes.getMessage());
    IllegalArgumentException entries = assertThrows(IllegalArgumentException.class,
        () -> FilePullOptions.builder().maxEntries(-1));
    assertEquals("maxEntries must be positive, got -1", entries.getMessage());
  }
}
