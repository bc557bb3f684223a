package dev.berth.core.remote.internal;

import dev.berth.core.remote.WarningListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Passes {@code Warning: 299 - "text"} headers to a listener; distribution-spec v1.1 ("Warnings") lets
 * registries send deprecation and policy notices this way and asks clients to show them.
 */
public final class WarningInterceptor implements Interceptor {
  private final WarningListener listener;

  public WarningInterceptor(WarningListener listener) {
    this.listener = listener;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    for (String value : response.headers("Warning")) {
      for (String text : parse(value)) {
        listener.onWarning(chain.request().url().host(), text);
      }
    }
    return response;
  }

  /** The texts of the code-299 warnings in one header value (RFC 7234 section 5.5 syntax). */
  static List<String> parse(String value) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == ',')) {
        i++;
      }
      int codeStart = i;
      while (i < n && Character.isDigit(value.charAt(i))) {
        i++;
      }
      String code = value.substring(codeStart, i);
      while (i < n && value.charAt(i) == ' ') {
        i++;
      }
      while (i < n && value.charAt(i) != ' ' && value.charAt(i) != '"') {
        i++; // warn-agent
      }
      while (i < n && value.charAt(i) == ' ') {
        i++;
      }
      if (i >= n || value.charAt(i) != '"' || code.isEmpty()) {
        break; // not a warning we can read; stop rather than guess
      }
      StringBuilder text = new StringBuilder();
      i++;
      while (i < n && value.charAt(i) != '"') {
        char c = value.charAt(i++);
        if (c == '\\' && i < n) {
          c = value.charAt(i++);
        }
        text.append(c);
      }
      i++; // closing quote
      while (i < n && value.charAt(i) == ' ') {
        i++;
      }
      if (i < n && value.charAt(i) == '"') {
        // An optional quoted warn-date, which itself holds a comma.
        int close = value.indexOf('"', i + 1);
        i = close < 0 ? n : close + 1;
      }
      while (i < n && value.charAt(i) != ',') {
        i++;
      }
      if (code.equals("299")) {
        out.add(text.toString());
      }
    }
    return out;
  }
}
