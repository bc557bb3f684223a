package dev.berth.artifacts.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Records every request that reaches the wire as {@code METHOD path?query}, for asserting traffic. */
public final class RequestLog implements Interceptor {
  private final List<String> lines = new ArrayList<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    String query = r.url().encodedQuery();
    synchronized (lines) {
      lines.add(r.method() + " " + r.url().encodedPath() + (query == null ? "" : "?" + query));
    }
    return chain.proceed(r);
  }

  /** Forgets what was recorded. */
  public void clear() {
    synchronized (lines) {
      lines.clear();
    }
  }

  /** The recorded lines containing every one of {@code parts}. */
  public List<String> matching(String... parts) {
    synchronized (lines) {
      return lines.stream().filter(l -> {
        for (String p : parts) {
          if (!l.contains(p)) {
            return false;
          }
        }
        return true;
      }).toList();
    }
  }

  /** Everything recorded, in order. */
  public List<String> all() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }
}
