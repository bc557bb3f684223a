package dev.berth.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may do what in the token server: rules of (user or anonymous, resource type, name glob,
 * actions). A request is granted the intersection of the actions it asks for and the union of the
 * actions every matching rule allows; authenticated users also get what anonymous users get.
 */
final class AccessPolicy {
  private record Rule(String user, String type, Pattern name, Set<String> actions) {}

  private final List<Rule> rules = new java.util.concurrent.CopyOnWriteArrayList<>();

  void allow(String user, String type, String nameGlob, String... actions) {
    if (actions.length == 0) {
      throw new IllegalArgumentException("a grant needs at least one action");
    }
    rules.add(new Rule(user, type, glob(nameGlob), Set.of(actions)));
  }

  void revokeAll(String user) {
    rules.removeIf(rule -> java.util.Objects.equals(rule.user(), user));
  }

  /** Grants for {@code requested} to {@code user} (null when anonymous); scopes granted nothing are dropped. */
  List<ResourceScope> grant(String user, List<ResourceScope> requested) {
    List<ResourceScope> granted = new ArrayList<>();
    for (ResourceScope scope : requested) {
      Set<String> allowed = new LinkedHashSet<>();
      for (Rule rule : rules) {
        if ((rule.user() == null || rule.user().equals(user)) && rule.type().equals(scope.type())
            && rule.name().matcher(scope.name()).matches()) {
          allowed.addAll(rule.actions());
        }
      }
      Set<String> actions = new LinkedHashSet<>();
      for (String action : scope.actions()) {
        if (allowed.contains(action) || allowed.contains("*")) {
          actions.add(action);
        }
      }
      if (!actions.isEmpty()) {
        granted.add(new ResourceScope(scope.type(), scope.name(), actions));
      }
    }
    return granted;
  }

  /** {@code *} matches any run of characters, slashes included; everything else is literal. */
  private static Pattern glob(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      regex.append(".*").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }
}
