package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private final AccessPolicy policy = new AccessPolicy();

  private List<ResourceScope> grant(String user, String... scopes) {
    return policy.grant(user, ResourceScope.parseAll(List.of(scopes)));
  }

  @Test
  void grantsTheIntersectionOfWhatWasAskedAndWhatIsAllowed() {
    policy.allow("alice", "repository", "team/*", "pull", "push");
    assertEquals(List.of(ResourceScope.parse("repository:team/app:pull,push")),
        grant("alice", "repository:team/app:pull,push,delete"));
    assertEquals(List.of(ResourceScope.parse("repository:team/a/b:pull")), grant("alice", "repository:team/a/b:pull"));
    assertEquals(List.of(), grant("alice", "repository:other/app:pull"));
    assertEquals(List.of(), grant("bob", "repository:team/app:pull"));
  }

  @Test
  void authenticatedUsersAlsoGetAnonymousGrants() {
    policy.allow(null, "repository", "public/*", "pull");
    policy.allow("alice", "repository", "public/mine", "push");
    assertEquals(List.of(ResourceScope.parse("repository:public/mine:pull,push")),
        grant("alice", "repository:public/mine:pull,push"));
    assertEquals(List.of(ResourceScope.parse("repository:public/mine:pull")),
        grant(null, "repository:public/mine:pull,push"));
  }

  @Test
  void starAllowsEveryActionAndGlobsAreLiteralOtherwise() {
    policy.allow("admin", "repository", "a.b/*", "*");
    policy.allow("admin", "registry", "catalog", "*");
    assertEquals(List.of(ResourceScope.parse("repository:a.b/x:delete")), grant("admin", "repository:a.b/x:delete"));
    assertEquals(List.of(), grant("admin", "repository:aXb/x:pull"));
    assertEquals(List.of(ResourceScope.parse("registry:catalog:*")), grant("admin", "registry:catalog:*"));
  }

  @Test
  void revokedUsersKeepOnlyAnonymousGrants() {
    policy.allow(null, "repository", "*", "pull");
    policy.allow("alice", "repository", "*", "push");
    policy.revokeAll("alice");
    assertEquals(List.of(ResourceScope.parse("repository:x:pull")), grant("alice", "repository:x:pull,push"));
  }
}
