package dev.berth.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One resource scope of the docker token spec, {@code type:name:action[,action...]}, e.g.
 * {@code repository:team/app:pull,push}. The name may itself hold colons (a registry host with a
 * port), so the type ends at the first colon and the actions start after the last one.
 *
 * @param type the resource type, e.g. {@code repository} or {@code registry}
 * @param name the resource name, e.g. {@code team/app} or {@code catalog}
 * @param actions the actions, e.g. {@code pull}, {@code push}, {@code delete} or {@code *}
 */
public record ResourceScope(String type, String name, Set<String> actions) {
  /** Copies {@code actions} in order. */
  public ResourceScope {
    actions = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(actions));
  }

  /**
   * Parses one scope.
   *
   * @throws IllegalArgumentException if it lacks a type, name or action list
   */
  public static ResourceScope parse(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last == first || last == scope.length() - 1) {
      throw new IllegalArgumentException("malformed scope (want type:name:actions): " + scope);
    }
    Set<String> actions = new LinkedHashSet<>();
    for (String action : scope.substring(last + 1).split(",")) {
      if (!action.isBlank()) {
        actions.add(action.trim());
      }
    }
    return new ResourceScope(scope.substring(0, first), scope.substring(first + 1, last), actions);
  }

  /** Parses every scope in {@code values}, each of which may hold several separated by spaces. */
  public static List<ResourceScope> parseAll(List<String> values) {
    List<ResourceScope> scopes = new ArrayList<>();
    for (String value : values) {
      for (String one : value.trim().split("\\s+")) {
        if (!one.isEmpty()) {
          scopes.add(parse(one));
        }
      }
    }
    return scopes;
  }

  /** The scope in wire form, {@code type:name:a,b}. */
  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions);
  }
}
