package dev.berth.artifacts.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Dockerfile (or Containerfile): its instructions with their line numbers, after parser
 * directives, comments and line continuations are dealt with as Docker's parser does.
 *
 * <ul>
 *   <li>Parser directives ({@code # escape=`}, {@code # syntax=...}, {@code # check=...}) are read from
 *       the top, until the first line that is not one; {@code escape} sets the escape character
 *       ({@code \} or {@code `}), the others are accepted and ignored (there is no frontend to pick).
 *   <li>Lines whose first non-blank character is {@code #} are comments, also inside a continued
 *       instruction; a line ending in the escape character continues on the next line; empty lines
 *       inside a continuation are skipped.
 *   <li>The keyword is case-insensitive; flags ({@code --chown=1000:1000}) at the start of the
 *       arguments of FROM, COPY, ADD, HEALTHCHECK and RUN are split off.
 * </ul>
 *
 * <p>What the instructions mean is {@link DockerfileBuild}'s business. Instances are immutable.
 */
public final class Dockerfile {
  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*$");
  private static final List<String> FLAGGED = List.of("FROM", "COPY", "ADD", "HEALTHCHECK", "RUN");

  /**
   * One instruction.
   *
   * @param line the 1-based line it starts on
   * @param keyword the instruction, upper case ({@code COPY})
   * @param flags the leading {@code --name=value} flags, as written
   * @param arguments the rest of the instruction, continuation lines joined, trimmed
   */
  public record Instruction(int line, String keyword, List<String> flags, String arguments) {
    /** Copies the flags. */
    public Instruction {
      Objects.requireNonNull(keyword, "keyword");
      flags = List.copyOf(flags);
      Objects.requireNonNull(arguments, "arguments");
    }

    /** The instruction as one line, e.g. for an image history entry. */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(keyword);
      flags.forEach(f -> s.append(' ').append(f));
      if (!arguments.isEmpty()) {
        s.append(' ').append(arguments);
      }
      return s.toString();
    }
  }

  private final List<Instruction> instructions;
  private final char escape;

  private Dockerfile(List<Instruction> instructions, char escape) {
    this.instructions = List.copyOf(instructions);
    this.escape = escape;
  }

  /** The instructions, in order. */
  public List<Instruction> instructions() {
    return instructions;
  }

  /** The escape character: {@code \} unless a directive chose {@code `}. */
  public char escape() {
    return escape;
  }

  /**
   * Parses a Dockerfile's text.
   *
   * @throws DockerfileException when a directive or an instruction is malformed
   */
  public static Dockerfile parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    char escape = '\\';
    int i = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (; i < lines.length; i++) {
      Matcher m = DIRECTIVE.matcher(lines[i]);
      if (!m.matches()) {
        break;
      }
      String name = m.group(1).toLowerCase(Locale.ROOT);
      if (!List.of("escape", "syntax", "check").contains(name)) {
        break; // an unknown directive is a comment, and ends the directives (as Docker does)
      }
      if (!seen.add(name)) {
        throw new DockerfileException(i + 1, "the " + name + " directive is given twice");
      }
      if (name.equals("escape")) {
        if (!m.group(2).equals("\\") && !m.group(2).equals("`")) {
          throw new DockerfileException(i + 1, "escape must be \\ or `, not " + m.group(2));
        }
        escape = m.group(2).charAt(0);
      }
    }
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = null;
    int start = 0;
    for (; i < lines.length; i++) {
      String line = lines[i];
      String stripped = line.strip();
      if (stripped.startsWith("#") || stripped.isEmpty() && current != null) {
        continue;
      }
      if (stripped.isEmpty()) {
        continue;
      }
      if (current == null) {
        current = new StringBuilder();
        start = i + 1;
      }
      String body = stripTrailingBlanks(line);
      if (!body.isEmpty() && body.charAt(body.length() - 1) == escape) {
        current.append(body, 0, body.length() - 1);
        continue;
      }
      current.append(body);
      out.add(instruction(start, current.toString()));
      current = null;
    }
    if (current != null) {
      out.add(instruction(start, current.toString()));
    }
    return new Dockerfile(out, escape);
  }

  private static Instruction instruction(int line, String text) {
    String t = text.strip();
    int space = indexOfBlank(t);
    String keyword = (space < 0 ? t : t.substring(0, space)).toUpperCase(Locale.ROOT);
    if (!keyword.matches("[A-Z]+")) {
      throw new DockerfileException(line, "\"" + keyword + "\" is not an instruction");
    }
    String rest = space < 0 ? "" : t.substring(space).strip();
    List<String> flags = new ArrayList<>();
    if (FLAGGED.contains(keyword)) {
      while (rest.startsWith("--")) {
        int end = indexOfBlank(rest);
        flags.add(end < 0 ? rest : rest.substring(0, end));
        rest = end < 0 ? "" : rest.substring(end).strip();
      }
    }
    return new Instruction(line, keyword, flags, rest);
  }

  private static int indexOfBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String stripTrailingBlanks(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return s.substring(0, end);
  }

  @Override
  public String toString() {
    return "Dockerfile{" + instructions.size() + " instructions}";
  }
}
