package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceScopeTest {
  @Test
  void parsesTypeNameAndActions() {
    ResourceScope scope = ResourceScope.parse("repository:team/app:pull,push");
    assertEquals("repository", scope.type());
    assertEquals("team/app", scope.name());
    assertEquals(Set.of("pull", "push"), scope.actions());
    assertEquals("repository:team/app:pull,push", scope.toString());
  }

  @Test
  void nameMayHoldAHostWithAPort() {
    ResourceScope scope = ResourceScope.parse("repository:localhost:5000/app:pull");
    assertEquals("localhost:5000/app", scope.name());
    assertEquals(Set.of("pull"), scope.actions());
  }

  @Test
  void oneParameterMayHoldSeveralScopesSeparatedBySpaces() {
    assertEquals(List.of(ResourceScope.parse("repository:a:pull"), ResourceScope.parse("registry:catalog:*")),
        ResourceScope.parseAll(List.of("repository:a:pull  registry:catalog:*")));
  }

  @Test
  void rejectsScopesWithoutActions() {
    assertThrows(IllegalArgumentException.class, () -> ResourceScope.parse("repository:team/app"));
    assertThrows(IllegalArgumentException.class, () -> ResourceScope.parse("repository:team/app:"));
  }
}
