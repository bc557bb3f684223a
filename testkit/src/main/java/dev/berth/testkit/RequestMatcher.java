package dev.berth.testkit;

import java.util.regex.Pattern;

/**
 * Chooses the requests a {@link FaultRule} applies to, by HTTP method and request target (the path
 * with its query string, e.g. {@code /v2/team/app/blobs/uploads/UUID?_state=...}).
 */
@FunctionalInterface
public interface RequestMatcher {
  /** Whether the rule applies to this request. */
  boolean matches(String method, String target);

  /** Every request. */
  static RequestMatcher any() {
    return (method, target) -> true;
  }

  /** Requests with this method (case-insensitive). */
  static RequestMatcher method(String method) {
    return (m, target) -> m.equalsIgnoreCase(method);
  }

  /** Requests whose target contains {@code fragment}. */
  static RequestMatcher pathContains(String fragment) {
    return (method, target) -> target.contains(fragment);
  }

  /** Requests whose target matches the regular expression somewhere ({@link java.util.regex.Matcher#find()}). */
  static RequestMatcher pathMatches(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return (method, target) -> pattern.matcher(target).find();
  }

  /** Requests for blob content or blob uploads: targets containing {@code /blobs/} (which includes {@code /blobs/uploads/}). */
  static RequestMatcher blobsAndUploads() {
    return pathContains("/blobs/");
  }

  /** Requests with this method whose target contains {@code fragment}. */
  static RequestMatcher request(String method, String fragment) {
    return method(method).and(pathContains(fragment));
  }

  /** Both this and {@code other}. */
  default RequestMatcher and(RequestMatcher other) {
    return (method, target) -> matches(method, target) && other.matches(method, target);
  }

  /** This or {@code other}. */
  default RequestMatcher or(RequestMatcher other) {
    return (method, target) -> matches(method, target) || other.matches(method, target);
  }
}
