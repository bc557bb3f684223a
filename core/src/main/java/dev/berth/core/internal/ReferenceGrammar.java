package dev.berth.core.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The distribution reference grammar (distribution/reference regexp.go), checked by hand rather than
 * by regular expression so that an error can name the part and the character at fault, and so that
 * hostile input costs linear time (no backtracking).
 *
 * <pre>
 *   host           := domain-name | "[" ipv6 "]"          ; then optional ":" port
 *   domain-name    := label ("." label)*                  ; label = [A-Za-z0-9] ([A-Za-z0-9-]* [A-Za-z0-9])?
 *   repository     := component ("/" component)*          ; at most 255 characters
 *   component      := [a-z0-9]+ (separator [a-z0-9]+)*    ; separator = "." | "_" | "__" | "-"+
 *   tag            := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 * </pre>
 *
 * <p>Each check throws {@link IllegalArgumentException} with a message that names the part and, where
 * one character is at fault, that character and its 1-based position in the part.
 */
public final class ReferenceGrammar {
  private ReferenceGrammar() {}

  /** distribution/reference RepositoryNameTotalLengthMax: the path, not counting the registry host. */
  public static final int MAX_REPOSITORY_LENGTH = 255;
  /** The tag production allows one leading and 127 further characters. */
  public static final int MAX_TAG_LENGTH = 128;
  /** image-spec annotations.md, {@code org.opencontainers.image.ref.name}. */
  private static final Pattern LAYOUT_REF_NAME = Pattern.compile(
      "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");

  /** Checks a registry host: a domain name, IPv4 address or bracketed IPv6 address, with an optional port. */
  public static void checkRegistry(String registry) {
    if (registry == null || registry.isEmpty()) {
      throw new IllegalArgumentException("registry host is empty");
    }
    String host;
    String port = null;
    if (registry.startsWith("[")) {
      int close = registry.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("registry host " + quote(registry) + " opens an IPv6 address with '['"
            + " but never closes it with ']'");
      }
      checkIpv6(registry.substring(1, close), registry);
      String after = registry.substring(close + 1);
      if (!after.isEmpty()) {
        if (after.charAt(0) != ':') {
          throw new IllegalArgumentException("registry host " + quote(registry) + " has " + describe(after.charAt(0))
              + " after the IPv6 address; only ':port' may follow ']'");
        }
        port = after.substring(1);
      }
      host = null;
    } else {
      int colon = registry.indexOf(':');
      host = colon < 0 ? registry : registry.substring(0, colon);
      port = colon < 0 ? null : registry.substring(colon + 1);
    }
    if (host != null) {
      checkDomainName(host, registry);
    }
    if (port != null) {
      checkPort(port, registry);
    }
  }

  /** Checks a repository path such as {@code library/alpine}. */
  public static void checkRepository(String repository) {
    checkRepository(repository, false);
  }

  /**
   * Checks a repository path; {@code firstMayBeHost} says the reference named no registry, so an
   * upper-case first component may be a registry host the grammar did not recognise as one.
   */
  public static void checkRepository(String repository, boolean firstMayBeHost) {
    if (repository == null || repository.isEmpty()) {
      throw new IllegalArgumentException("repository name is empty");
    }
    if (repository.length() > MAX_REPOSITORY_LENGTH) {
      throw new IllegalArgumentException("repository name is " + repository.length() + " characters long; the limit is "
          + MAX_REPOSITORY_LENGTH + " (" + quote(repository) + ")");
    }
    for (int i = 0; i < repository.length(); i++) {
      char c = repository.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        boolean inFirst = repository.indexOf('/') > 0 && i < repository.indexOf('/');
        throw new IllegalArgumentException("repository name " + quote(repository) + " must be lower-case: "
            + describe(c) + " at position " + (i + 1) + "; write " + quote(repository.toLowerCase(Locale.ROOT))
            + (firstMayBeHost && inFirst ? " (if " + quote(repository.substring(0, repository.indexOf('/')))
                + " is meant as a registry host: a host needs a '.' or a ':port', or must be 'localhost')" : ""));
      }
    }
    int start = 0;
    while (true) {
      int slash = repository.indexOf('/', start);
      int end = slash < 0 ? repository.length() : slash;
      checkPathComponent(repository, start, end);
      if (slash < 0) {
        return;
      }
      start = slash + 1;
    }
  }

  /** Checks a tag: a word character, then up to 127 word characters, dots and dashes. */
  public static void checkTag(String tag) {
    if (tag == null || tag.isEmpty()) {
      throw new IllegalArgumentException("tag is empty");
    }
    if (tag.length() > MAX_TAG_LENGTH) {
      throw new IllegalArgumentException("tag is " + tag.length() + " characters long; the limit is " + MAX_TAG_LENGTH
          + " (" + quote(tag) + ")");
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      boolean word = isAsciiLetterOrDigit(c) || c == '_';
      if (i == 0 && !word) {
        throw new IllegalArgumentException("tag " + quote(tag) + " must start with a letter, digit or '_', not "
            + describe(c));
      }
      if (!word && c != '.' && c != '-') {
        throw new IllegalArgumentException("tag " + quote(tag) + " has an invalid character " + describe(c)
            + " at position " + (i + 1) + " (letters, digits, '_', '.' and '-' only)");
      }
    }
  }

  /**
   * Checks a name an OCI layout's index.json may carry as {@code org.opencontainers.image.ref.name}: a
   * tag, or what image-spec annotations.md allows there (components of letters and digits joined by
   * {@code - . _ : @ + --}, separated by {@code /}), wide enough for the full references some tools
   * write.
   */
  public static void checkLayoutRefName(String ref) {
    if (ref != null && LAYOUT_REF_NAME.matcher(ref).matches()) {
      return;
    }
    try {
      checkTag(ref);
    } catch (IllegalArgumentException notATag) {
      throw new IllegalArgumentException("reference name " + quote(String.valueOf(ref)) + " is not valid for an"
          + " OCI layout: neither an image-spec ref name nor a tag (" + notATag.getMessage() + ")");
    }
  }

  private static void checkPathComponent(String repository, int start, int end) {
    if (start == end) {
      throw new IllegalArgumentException("repository name " + quote(repository) + " has an empty path component"
          + (start == 0 ? " at the start" : end == repository.length() ? " at the end" : " (\"//\")"));
    }
    String component = repository.substring(start, end);
    char previous = 0;
    int underscores = 0;
    for (int i = start; i < end; i++) {
      char c = repository.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && c != '.' && c != '_' && c != '-') {
        throw new IllegalArgumentException("repository name " + quote(repository) + " has an invalid character "
            + describe(c) + " at position " + (i + 1) + " (lower-case letters, digits and the separators . _ __ -)");
      }
      if (!alnum && (i == start || i == end - 1)) {
        throw new IllegalArgumentException("repository path component " + quote(component) + " must "
            + (i == start ? "start" : "end") + " with a lower-case letter or digit, not " + describe(c));
      }
      if (!alnum && previous != 0 && previous != c && !isAlnum(previous)) {
        throw new IllegalArgumentException("repository path component " + quote(component) + " has the separators "
            + describe(previous) + " and " + describe(c) + " next to each other at position " + (i + 1) + " of the name");
      }
      if (c == '.' && previous == '.') {
        throw new IllegalArgumentException("repository path component " + quote(component)
            + " has two dots in a row at position " + (i + 1) + " of the name");
      }
      underscores = c == '_' ? underscores + 1 : 0;
      if (underscores > 2) {
        throw new IllegalArgumentException("repository path component " + quote(component)
            + " has more than two underscores in a row at position " + (i + 1) + " of the name");
      }
      previous = c;
    }
  }

  private static void checkDomainName(String host, String registry) {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("registry host " + quote(registry) + " has an empty host name before ':'");
    }
    int labelStart = 0;
    for (int i = 0; i <= host.length(); i++) {
      if (i == host.length() || host.charAt(i) == '.') {
        if (i == labelStart) {
          throw new IllegalArgumentException("registry host " + quote(registry) + " has an empty label"
              + (i == 0 ? " at the start" : i == host.length() ? " at the end" : " (\"..\")"));
        }
        if (host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-') {
          throw new IllegalArgumentException("registry host " + quote(registry) + " has a label "
              + quote(host.substring(labelStart, i)) + " that starts or ends with '-'");
        }
        labelStart = i + 1;
        continue;
      }
      char c = host.charAt(i);
      if (!isAsciiLetterOrDigit(c) && c != '-') {
        throw new IllegalArgumentException("registry host " + quote(registry) + " has an invalid character "
            + describe(c) + " at position " + (i + 1) + " (letters, digits, '-' and '.' only)");
      }
    }
  }

  private static void checkPort(String port, String registry) {
    if (port.isEmpty()) {
      throw new IllegalArgumentException("registry host " + quote(registry) + " has an empty port after ':'");
    }
    for (int i = 0; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        throw new IllegalArgumentException("registry host " + quote(registry) + " has a port " + quote(port)
            + " with a non-digit " + describe(port.charAt(i)));
      }
    }
    // Five digits hold every valid port; longer strings are refused before parsing so they cannot overflow.
    int value = port.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(port);
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException("registry host " + quote(registry) + " has port " + quote(port)
          + " outside 1-65535");
    }
  }

  /**
   * RFC 4291 text form, compressed or not: up to eight groups of one to four hex digits, at most one
   * {@code ::}. Zone identifiers and the dotted IPv4 tail are refused, as distribution refuses them.
   */
  private static void checkIpv6(String address, String registry) {
    String bad = "registry host " + quote(registry) + " has an invalid IPv6 address";
    if (address.isEmpty()) {
      throw new IllegalArgumentException(bad + ": nothing between '[' and ']'");
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (!isHexDigit(c) && c != ':') {
        throw new IllegalArgumentException(bad + ": " + describe(c) + " at position " + (i + 1)
            + " (hex digits and ':' only; zone identifiers and dotted IPv4 forms are not accepted)");
      }
    }
    int doubleColon = address.indexOf("::");
    if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
      throw new IllegalArgumentException(bad + ": '::' may appear only once");
    }
    String withoutGap = doubleColon < 0 ? address : address.substring(0, doubleColon) + ":" + address.substring(doubleColon + 2);
    String[] groups = withoutGap.split(":", -1);
    int count = 0;
    for (int g = 0; g < groups.length; g++) {
      String group = groups[g];
      boolean atGapEdge = doubleColon >= 0 && group.isEmpty()
          && ((g == 0 && doubleColon == 0) || (g == groups.length - 1 && doubleColon == address.length() - 2));
      if (group.isEmpty() && !atGapEdge) {
        throw new IllegalArgumentException(bad + ": an empty group (a single ':' at the start or end, or ':::')");
      }
      if (group.length() > 4) {
        throw new IllegalArgumentException(bad + ": group " + quote(group) + " has more than four hex digits");
      }
      if (!group.isEmpty()) {
        count++;
      }
    }
    if (doubleColon < 0 ? count != 8 : count > 7) {
      throw new IllegalArgumentException(bad + ": " + count + " groups" + (doubleColon < 0 ? " (need 8 without '::')"
          : " (at most 7 with '::')"));
    }
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A character as a message shows it: {@code 'x'} when printable ASCII, else its code point. */
  public static String describe(char c) {
    return c > ' ' && c < 127 ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  /** User input quoted for a message, cut short so a hostile string cannot flood a log line. */
  public static String quote(String s) {
    return "\"" + (s.length() <= 80 ? s : s.substring(0, 77) + "...") + "\"";
  }
}
