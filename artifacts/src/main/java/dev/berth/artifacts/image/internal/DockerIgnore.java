package dev.berth.artifacts.image.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A build context's {@code .dockerignore}, matched as Docker's pattern matcher does: one pattern per
 * line, {@code #} comments, {@code !} for exceptions, the last matching pattern decides; {@code *} and
 * {@code ?} stay within a path segment, {@code **} spans any number of segments; a pattern matching a
 * directory excludes everything under it. As a predicate on local paths it answers "goes into the
 * build" (true for the context itself).
 */
public final class DockerIgnore implements Predicate<Path> {
  private record Rule(Pattern pattern, boolean exception) {}

  private final Path context;
  private final List<Rule> rules;
  private final boolean hasExceptions;

  private DockerIgnore(Path context, List<Rule> rules) {
    this.context = context.toAbsolutePath().normalize();
    this.rules = List.copyOf(rules);
    this.hasExceptions = rules.stream().anyMatch(Rule::exception);
  }

  /** The rules of a {@code .dockerignore} text for {@code context}. */
  public static DockerIgnore parse(Path context, String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.replace("\r\n", "\n").split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exception = line.startsWith("!");
      if (exception) {
        line = line.substring(1).strip();
      }
      String cleaned = ContainerPaths.clean(line); // patterns are context-relative
      if (cleaned.isEmpty()) {
        continue;
      }
      rules.add(new Rule(Pattern.compile(toRegex(cleaned)), exception));
    }
    return new DockerIgnore(context, rules);
  }

  /** No rules: everything goes in. */
  public static DockerIgnore none(Path context) {
    return new DockerIgnore(context, List.of());
  }

  /**
   * Whether {@code path} (under the context) goes into the build. A directory that is excluded is
   * still entered when an exception might bring back something inside it.
   */
  @Override
  public boolean test(Path path) {
    String rel = relative(path);
    if (rel.isEmpty()) {
      return true;
    }
    boolean excluded = excluded(rel);
    if (excluded && hasExceptions && java.nio.file.Files.isDirectory(path)) {
      return true;
    }
    return !excluded;
  }

  /** Whether a context-relative path (slash-separated) is excluded. */
  public boolean excluded(String rel) {
    boolean excluded = false;
    for (Rule r : rules) {
      if (matchesOrParentMatches(r.pattern(), rel)) {
        excluded = !r.exception();
      }
    }
    return excluded;
  }

  private static boolean matchesOrParentMatches(Pattern p, String rel) {
    if (p.matcher(rel).matches()) {
      return true;
    }
    int slash = rel.lastIndexOf('/');
    while (slash > 0) {
      if (p.matcher(rel.substring(0, slash)).matches()) {
        return true;
      }
      slash = rel.lastIndexOf('/', slash - 1);
    }
    return false;
  }

  private String relative(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    if (!abs.startsWith(context)) {
      return "";
    }
    return context.relativize(abs).toString().replace('\\', '/');
  }

  /** Translates a Docker ignore pattern (or a COPY glob segment) into a regular expression. */
  public static String toRegex(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
            i++;
            re.append("(?:.*/)?"); // "**/" : zero or more whole segments
          } else {
            re.append(".*");
          }
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          re.append("\\[");
        } else {
          String cls = pattern.substring(i + 1, end);
          re.append('[').append(cls.startsWith("^") || cls.startsWith("!") ? "^" + quoteClass(cls.substring(1))
              : quoteClass(cls)).append(']');
          i = end;
        }
      } else if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  private static String quoteClass(String cls) {
    return cls.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
  }
}
