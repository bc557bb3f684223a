package dev.berth.core.remote.internal;

import dev.berth.core.remote.Redaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Remembers every secret one client has sent (credential headers, and the password and tokens of an
 * OAuth2 form posted to a token endpoint), so that text a server sends back can be cleaned of them:
 * a hostile registry may echo a credential it received on any earlier request, not only the failing
 * one. Installed as the innermost application interceptor, where the headers auth added are visible,
 * and tagged on each request so that failure handling finds it from the response alone.
 */
public final class SentSecrets implements Interceptor {
  /** Enough for the few credentials and token renewals of a long-lived client; the oldest go first. */
  private static final int MAX_VALUES = 256;
  private static final Set<String> SECRET_FORM_FIELDS = Set.of("password", "refresh_token", "access_token",
      "client_secret");

  /** Each sent value with its derived forms, most recent last. */
  private final Map<String, Set<String>> sent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > MAX_VALUES;
    }
  };

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    record(request);
    return chain.proceed(request.newBuilder().tag(SentSecrets.class, this).build());
  }

  /** Notes the secrets {@code request} carries. */
  public void record(Request request) {
    for (String name : List.of("Authorization", "Proxy-Authorization")) {
      for (String value : request.headers(name)) {
        remember(value, Redaction.secretForms(value));
      }
    }
    if (request.body() instanceof FormBody form) {
      for (int i = 0; i < form.size(); i++) {
        if (SECRET_FORM_FIELDS.contains(form.name(i))) {
          String value = form.value(i);
          remember(value, Redaction.withEncodings(List.of(value)));
        }
      }
    }
  }

  private synchronized void remember(String key, Set<String> forms) {
    if (!key.isEmpty() && !sent.containsKey(key)) {
      sent.put(key, forms);
    }
  }

  /** Every secret form recorded so far. */
  public synchronized List<String> all() {
    List<String> all = new ArrayList<>();
    sent.values().forEach(all::addAll);
    return all;
  }

  /**
   * Server text from {@code response} fit for a message: every secret its client sent removed (those
   * of the request itself even when no recorder was installed) and control characters escaped.
   */
  public static @Nullable String clean(@Nullable String text, Response response) {
    return clean(text, response.request());
  }

  /** As {@link #clean(String, Response)}, for the request that was answered. */
  public static @Nullable String clean(@Nullable String text, Request request) {
    if (text == null) {
      return null;
    }
    List<String> secrets = new ArrayList<>();
    SentSecrets recorder = request.tag(SentSecrets.class);
    if (recorder != null) {
      secrets.addAll(recorder.all());
    }
    for (String name : List.of("Authorization", "Proxy-Authorization")) {
      for (String value : request.headers(name)) {
        secrets.addAll(Redaction.secretForms(value));
      }
    }
    return Redaction.serverText(text, secrets);
  }
}
