package dev.berth.dist.action;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of GitHub Actions' expression language that action.yml uses: context paths ({@code
 * inputs.token}, {@code steps.cache.outputs.cache-hit}), string literals, {@code == != && || !} and
 * parentheses. Values are strings; a missing one is the empty string, as on a runner. Anything else
 * fails loudly, so action.yml cannot grow an expression this test would silently misread.
 */
final class ActionExpressions {
  private static final Pattern TEMPLATE = Pattern.compile("\\$\\{\\{(.*?)}}");

  private final Map<String, String> context;
  private String text;
  private int pos;

  private ActionExpressions(Map<String, String> context) {
    this.context = context;
  }

  /** Replaces each {@code ${{ expr }}} in {@code template} with its value. */
  static String interpolate(String template, Map<String, String> context) {
    Matcher m = TEMPLATE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(asString(new ActionExpressions(context).parse(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** An {@code if:} condition, with or without {@code ${{ }}}. */
  static boolean condition(String condition, Map<String, String> context) {
    String c = condition.trim();
    if (c.startsWith("${{") && c.endsWith("}}")) {
      c = c.substring(3, c.length() - 2);
    }
    return truthy(new ActionExpressions(context).parse(c));
  }

  private Object parse(String expression) {
    text = expression;
    pos = 0;
    Object v = or();
    skipSpace();
    if (pos != text.length()) {
      throw new IllegalArgumentException("unsupported expression: " + expression);
    }
    return v;
  }

  private Object or() {
    Object left = and();
    while (take("||")) {
      Object right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private Object and() {
    Object left = comparison();
    while (take("&&")) {
      Object right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private Object comparison() {
    Object left = unary();
    if (take("==")) {
      return asString(left).equalsIgnoreCase(asString(unary()));
    }
    if (take("!=")) {
      return !asString(left).equalsIgnoreCase(asString(unary()));
    }
    return left;
  }

  private Object unary() {
    if (take("!")) {
      return !truthy(unary());
    }
    skipSpace();
    if (take("(")) {
      Object v = or();
      if (!take(")")) {
        throw new IllegalArgumentException("missing ) in " + text);
      }
      return v;
    }
    if (pos < text.length() && text.charAt(pos) == '\'') {
      int end = text.indexOf('\'', pos + 1);
      String literal = text.substring(pos + 1, end);
      pos = end + 1;
      return literal;
    }
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "._-".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    String path = text.substring(start, pos);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("unsupported expression: " + text);
    }
    if (path.equals("true") || path.equals("false")) {
      return Boolean.valueOf(path);
    }
    return context.getOrDefault(path, "");
  }

  private boolean take(String token) {
    skipSpace();
    if (text.startsWith(token, pos) && !(token.equals("!") && text.startsWith("!=", pos))) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean truthy(Object v) {
    return v instanceof Boolean b ? b : !asString(v).isEmpty();
  }

  private static String asString(Object v) {
    return String.valueOf(v);
  }
}
