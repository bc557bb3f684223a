package dev.berth.artifacts.image.internal;

import java.util.Map;

/**
 * Docker's variable substitution ({@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}},
 * {@code ${VAR:+word}}, {@code ${VAR-word}}, {@code ${VAR+word}}), as BuildKit's shell lexer does it for
 * ENV, WORKDIR, COPY and the other instructions that substitute. An unset variable is the empty string.
 *
 * <p>With {@code quotes} (a Dockerfile word) quoting works as in the lexer: single quotes are literal,
 * double quotes substitute, the escape character makes the next character literal, and the quotes and
 * escapes are removed. Without (a value the shell already unquoted, such as {@code --env}), only
 * {@code $} is special, and an escape character before {@code $} keeps it literal.
 */
public final class Substitution {
  private final String text;
  private final Map<String, String> vars;
  private final char escape;
  private final boolean quotes;
  private int pos;

  private Substitution(String text, Map<String, String> vars, char escape, boolean quotes) {
    this.text = text;
    this.vars = vars;
    this.escape = escape;
    this.quotes = quotes;
  }

  /** Substitutes and unquotes a Dockerfile word. */
  public static String word(String text, Map<String, String> vars, char escape) {
    return new Substitution(text, vars, escape, true).process(-1);
  }

  /** Substitutes {@code $VAR} and {@code ${VAR}} in a value that is not otherwise quoted. */
  public static String value(String text, Map<String, String> vars) {
    return new Substitution(text, vars, '\\', false).process(-1);
  }

  /** Processes up to {@code stop} (left for the caller to consume) or to the end. */
  private String process(int stop) {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == stop) {
        return out.toString();
      }
      pos++;
      if (c == '$') {
        out.append(dollar());
      } else if (c == escape) {
        if (pos < text.length()) {
          char next = text.charAt(pos);
          if (quotes || next == '$') {
            out.append(next);
            pos++;
          } else {
            out.append(c);
          }
        }
      } else if (quotes && c == '\'') {
        int end = text.indexOf('\'', pos);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote in: " + text);
        }
        out.append(text, pos, end);
        pos = end + 1;
      } else if (quotes && c == '"') {
        out.append(doubleQuoted());
      } else {
        out.append(c);
      }
    }
    if (stop >= 0) {
      throw new IllegalArgumentException("missing '" + (char) stop + "' in: " + text);
    }
    return out.toString();
  }

  private String doubleQuoted() {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '$') {
        out.append(dollar());
      } else if (c == escape && pos < text.length()
          && (text.charAt(pos) == '"' || text.charAt(pos) == '$' || text.charAt(pos) == escape)) {
        out.append(text.charAt(pos++));
      } else {
        out.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated double quote in: " + text);
  }

  private String dollar() {
    if (pos < text.length() && text.charAt(pos) == '{') {
      pos++;
      String name = name();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("bad substitution in: " + text);
      }
      if (pos >= text.length()) {
        throw new IllegalArgumentException("missing '}' in: " + text);
      }
      char c = text.charAt(pos);
      if (c == '}') {
        pos++;
        return vars.getOrDefault(name, "");
      }
      boolean colon = c == ':';
      if (colon) {
        pos++;
      }
      char op = pos < text.length() ? text.charAt(pos++) : 0;
      if (op != '-' && op != '+') {
        throw new IllegalArgumentException("unsupported substitution ${" + name + (colon ? ":" : "") + op
            + "...} in: " + text + " (berth knows ${VAR}, ${VAR:-word} and ${VAR:+word})");
      }
      String word = process('}');
      pos++;
      String value = vars.get(name);
      boolean set = value != null && (!colon || !value.isEmpty());
      if (op == '-') {
        return set && value != null ? value : word; // set implies value != null
      }
      return set ? word : "";
    }
    String name = name();
    if (name.isEmpty()) {
      return "$";
    }
    return vars.getOrDefault(name, "");
  }

  private String name() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (!(Character.isLetterOrDigit(c) && c < 128 || c == '_')) {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }
}
