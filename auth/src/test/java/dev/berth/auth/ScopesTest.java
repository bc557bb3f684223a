package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopesTest {

  @Test
  void repositoryScopeSortsAndDeduplicatesActions() {
    assertEquals("repository:owner/name:pull,push", Scopes.repository("owner/name", "push", "pull", "push"));
  }

  @Test
  void actionsOfTheSameResourceAreMergedAndScopesSorted() {
    Scopes scopes = Scopes.of(
        Scopes.repository("z/last", "pull"),
        Scopes.repository("owner/name", "push"),
        Scopes.repository("owner/name", "pull"),
        Scopes.catalog());
    assertEquals(List.of("registry:catalog:*", "repository:owner/name:pull,push", "repository:z/last:pull"),
        scopes.values());
  }

  @Test
  void scopesGrantingTheSameAccessAreEqualWhateverTheOrder() {
    Scopes a = Scopes.of("repository:a:push", "repository:b:pull", "repository:a:pull");
    Scopes b = Scopes.of("repository:b:pull", "repository:a:pull,push");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, Scopes.of("repository:a:pull"));
  }

  @Test
  void mergeIsTheUnion() {
    Scopes merged = Scopes.of("repository:a:pull").merge(Scopes.parse("repository:a:push repository:b:pull"));
    assertEquals(Scopes.of("repository:a:pull,push", "repository:b:pull"), merged);
    assertEquals(merged, merged.merge(Scopes.empty()));
    assertEquals(merged, Scopes.empty().merge(merged));
  }

  @Test
  void parseSplitsASpaceSeparatedListAndToStringJoinsIt() {
    Scopes scopes = Scopes.parse("  repository:b:pull   repository:a:push ");
    assertEquals("repository:a:push repository:b:pull", scopes.toString());
    assertTrue(Scopes.parse("").isEmpty());
    assertTrue(Scopes.parse(null).isEmpty());
  }

  @Test
  void nameWithAColonKeepsItsColon() {
    assertEquals(List.of("repository:localhost:5000/app:pull,push"),
        Scopes.of("repository:localhost:5000/app:pull", "repository:localhost:5000/app:push").values());
  }

  @Test
  void missingFromNamesTheActionsAGrantLacks() {
    Scopes needed = Scopes.of("repository:owner/app:pull,push", "repository:other/src:pull");
    Scopes granted = Scopes.of("repository:owner/app:pull");
    assertEquals(Scopes.of("repository:owner/app:push", "repository:other/src:pull"), needed.missingFrom(granted));
    assertTrue(needed.missingFrom(Scopes.of("repository:owner/app:*", "repository:other/src:pull")).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "repository", "repository:name", "repository::pull", "repository:name:",
      ":name:pull", "repository:a b:pull", "repository:name:,"})
  void malformedScopeIsRejectedWithItsText(String scope) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scopes.of(scope));
    assertTrue(e.getMessage().contains(scope), e.getMessage());
  }

  @Test
  void repositoryScopeNeedsANameAndAnAction() {
    assertThrows(IllegalArgumentException.class, () -> Scopes.repository("", "pull"));
    assertThrows(IllegalArgumentException.class, () -> Scopes.repository("a"));
    assertThrows(IllegalArgumentException.class, () -> Scopes.repository("a", "pull,push"));
  }
}
