package dev.berth.artifacts.helm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .helmignore} file, read as Helm's {@code pkg/ignore} reads them: one glob per
 * line ({@code *}, {@code ?}, {@code [...]} as in Go's {@code filepath.Match}), {@code #} comments, a
 * leading {@code !} negates, a trailing {@code /} matches only directories, a leading {@code /} anchors at
 * the chart root, a pattern without {@code /} matches the last path segment and one with {@code /} the
 * whole relative path. {@code **} is refused, as Helm refuses it. The default rule {@code templates/.?*}
 * (hidden files among templates) always applies.
 */
public final class HelmIgnore {
  private record Rule(String raw, Pattern pattern, boolean negate, boolean dirOnly, boolean wholePath) {}

  private final List<Rule> rules;

  private HelmIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Only the default rule. */
  public static HelmIgnore defaults() {
    return parse("");
  }

  /**
   * Parses {@code .helmignore} content (the default rule is added).
   *
   * @throws IllegalArgumentException for a {@code **} pattern or a malformed class
   */
  public static HelmIgnore parse(byte[] content) {
    return parse(new String(content, StandardCharsets.UTF_8));
  }

  /** As {@link #parse(byte[])}. */
  public static HelmIgnore parse(String content) {
    List<Rule> rules = new ArrayList<>();
    rules.add(rule("templates/.?*"));
    for (String line : content.split("\r?\n")) {
      String r = line.trim();
      if (r.isEmpty() || r.startsWith("#")) {
        continue;
      }
      if (r.contains("**")) {
        throw new IllegalArgumentException(".helmignore: double-star (**) syntax is not supported: " + r);
      }
      rules.add(rule(r));
    }
    return new HelmIgnore(rules);
  }

  private static Rule rule(String raw) {
    String r = raw;
    boolean negate = r.startsWith("!");
    if (negate) {
      r = r.substring(1);
    }
    boolean dirOnly = r.endsWith("/");
    if (dirOnly) {
      r = r.substring(0, r.length() - 1);
    }
    boolean wholePath = r.contains("/");
    if (r.startsWith("/")) {
      r = r.substring(1);
    }
    return new Rule(raw, Pattern.compile(globToRegex(r, raw)), negate, dirOnly, wholePath);
  }

  /**
   * Whether {@code path} (relative to the chart directory, {@code /}-separated, no trailing slash) is
   * ignored. Rules are tried in order and the first that decides wins, as in Helm: a matching positive
   * rule ignores; a negative rule that does <em>not</em> match ignores, and one that matches lets the
   * evaluation go on.
   */
  public boolean ignores(String path, boolean isDirectory) {
    if (path.isEmpty() || path.equals(".")) {
      return false;
    }
    String base = path.substring(path.lastIndexOf('/') + 1);
    for (Rule r : rules) {
      String subject = r.wholePath ? path : base;
      boolean matches = r.pattern.matcher(subject).matches();
      if (r.negate) {
        if (r.dirOnly && !isDirectory) {
          return true;
        }
        if (!matches) {
          return true;
        }
        continue;
      }
      if (r.dirOnly && !isDirectory) {
        continue;
      }
      if (matches) {
        return true;
      }
    }
    return false;
  }

  /** Go's filepath.Match: {@code *} and {@code ?} never cross {@code /}; {@code \} escapes. */
  private static String globToRegex(String glob, String raw) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (++i >= glob.length()) {
            throw new IllegalArgumentException(".helmignore: pattern ends with an escape: " + raw);
          }
          re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        }
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException(".helmignore: unterminated [ in " + raw);
          }
          String body = glob.substring(i + 1, end);
          boolean neg = body.startsWith("^");
          if (neg) {
            body = body.substring(1);
          }
          re.append('[').append(neg ? "^/" : "").append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
          i = end;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  @Override
  public String toString() {
    return "HelmIgnore" + rules.stream().map(Rule::raw).toList();
  }
}
