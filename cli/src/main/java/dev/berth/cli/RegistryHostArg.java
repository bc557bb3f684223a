package dev.berth.cli;

import dev.berth.core.Reference;

/**
 * The HOST argument of {@code berth login} and {@code logout}: a registry host[:port] and nothing else.
 * Credentials are stored and looked up by host, so a URL or a repository path here would be stored
 * under a key that no later command ever asks for.
 */
final class RegistryHostArg {
  private RegistryHostArg() {}

  /** {@code text} checked as a registry host; throws {@link IllegalArgumentException} naming the problem. */
  static String parse(String text) {
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      throw new IllegalArgumentException("HOST takes a registry host[:port], not a URL: drop \""
          + text.substring(0, scheme + 3) + "\" (as in localhost:5000)");
    }
    int slash = text.indexOf('/');
    if (slash >= 0) {
      throw new IllegalArgumentException("HOST takes a registry host[:port] without a repository path: "
          + text.substring(0, slash) + ", not " + text);
    }
    Reference.of(text, "x"); // validates the host[:port] grammar with the same message as references
    return text;
  }
}
