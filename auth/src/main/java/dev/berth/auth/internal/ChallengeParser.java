package dev.berth.auth.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code WWW-Authenticate} header values per RFC 7235:
 *
 * <pre>
 * challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * auth-param = token BWS "=" BWS ( token / quoted-string )
 * </pre>
 *
 * Several challenges may share one header, separated by commas, which is ambiguous with the commas between
 * auth-params: a list element is a new challenge when its leading token is not followed by {@code =}.
 * Malformed input never throws; the parser keeps what it understood, because a registry with a sloppy
 * header should still get its well-formed challenges answered.
 */
public final class ChallengeParser {
  private final String s;
  private int pos;

  private ChallengeParser(String s) {
    this.s = s;
  }

  /** Parses every challenge in every header value, in order. */
  public static List<Challenge> parse(List<String> headerValues) {
    List<Challenge> challenges = new ArrayList<>();
    for (String value : headerValues) {
      new ChallengeParser(value).parseInto(challenges);
    }
    return challenges;
  }

  /** Parses every challenge in one header value, in order. */
  public static List<Challenge> parse(String headerValue) {
    return parse(List.of(headerValue));
  }

  private void parseInto(List<Challenge> out) {
    while (true) {
      skipWhitespaceAndCommas();
      if (pos >= s.length()) {
        return;
      }
      String scheme = token();
      if (scheme.isEmpty()) {
        return; // not a challenge; nothing after it can be trusted to be one either
      }
      skipWhitespace();
      Map<String, String> params = new LinkedHashMap<>();
      String token68 = token68();
      if (token68 == null && !parseParams(params)) {
        out.add(new Challenge(scheme, params, null));
        return;
      }
      out.add(new Challenge(scheme, params, token68));
    }
  }

  /**
   * Reads a token68 when the rest of this list element is exactly one; otherwise leaves the position
   * alone and returns null.
   */
  private @Nullable String token68() {
    int start = pos;
    int end = start;
    while (end < s.length() && isToken68Char(s.charAt(end))) {
      end++;
    }
    if (end == start) {
      return null;
    }
    while (end < s.length() && s.charAt(end) == '=') {
      end++;
    }
    int after = end;
    while (after < s.length() && isWhitespace(s.charAt(after))) {
      after++;
    }
    if (after < s.length() && s.charAt(after) != ',') {
      return null; // "name = value" or "name=value": an auth-param, not a token68
    }
    pos = end;
    return s.substring(start, end);
  }

  /**
   * Reads auth-params until the next challenge starts or the header ends. Returns false if the header
   * turned out malformed, so the caller stops after this challenge.
   */
  private boolean parseParams(Map<String, String> params) {
    while (true) {
      skipWhitespaceAndCommas();
      if (pos >= s.length()) {
        return true;
      }
      int mark = pos;
      String name = token();
      if (name.isEmpty()) {
        return false;
      }
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) != '=') {
        pos = mark; // a token not followed by '=' is the next challenge's scheme
        return true;
      }
      pos++;
      skipWhitespace();
      String value;
      if (pos < s.length() && s.charAt(pos) == '"') {
        value = quotedString();
      } else {
        value = token();
        if (value.isEmpty()) {
          return false;
        }
      }
      // RFC 7235: each parameter name occurs once per challenge; keep the first if a server repeats one.
      params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
      skipWhitespace();
      if (pos < s.length() && s.charAt(pos) != ',') {
        return false;
      }
    }
  }

  /** Reads a quoted-string starting at the opening quote; an unterminated one runs to the end. */
  private String quotedString() {
    StringBuilder value = new StringBuilder();
    pos++; // opening quote
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && pos < s.length()) {
        c = s.charAt(pos++);
      }
      value.append(c);
    }
    return value.toString();
  }

  private String token() {
    int start = pos;
    while (pos < s.length() && isTokenChar(s.charAt(pos))) {
      pos++;
    }
    return s.substring(start, pos);
  }

  private void skipWhitespace() {
    while (pos < s.length() && isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private void skipWhitespaceAndCommas() {
    while (pos < s.length() && (isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',')) {
      pos++;
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /** tchar from RFC 7230 section 3.2.6. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static boolean isToken68Char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-._~+/".indexOf(c) >= 0;
  }
}
