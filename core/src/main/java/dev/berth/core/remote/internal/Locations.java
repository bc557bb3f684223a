package dev.berth.core.remote.internal;

import dev.berth.core.OciException;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code Location} of an upload session. Registries may send it relative (ghcr.io does), and
 * it is where berth will send the blob's bytes and credentials, so it must stay on the registry's
 * origin: another host, or a downgrade from https to http, is refused.
 */
public final class Locations {
  private Locations() {}

  /**
   * The upload location {@code response} names, resolved against the request's URL.
   *
   * @param registry the registry's API root, whose origin the location must keep
   * @param fallback the location to keep using when the response names none, or null to require one
   */
  public static HttpUrl uploadLocation(Response response, HttpUrl registry, @Nullable HttpUrl fallback) throws OciException {
    String header = response.header("Location");
    if (header == null || header.isBlank()) {
      if (fallback != null) {
        return fallback;
      }
      throw new OciException(response.request().method() + " " + Failures.withoutQuery(response.request().url())
          + " answered " + response.code() + " without an upload Location");
    }
    HttpUrl url = response.request().url().resolve(header.trim());
    if (url == null) {
      throw new OciException("upload Location from " + Origins.describe(registry) + " is not a URL");
    }
    if (Origins.downgrades(registry, url)) {
      throw new OciException("refused upload Location " + Failures.withoutQuery(url)
          + ": it downgrades " + Origins.describe(registry) + " from https to http");
    }
    if (!Origins.same(registry, url)) {
      throw new OciException("refused upload Location " + Failures.withoutQuery(url)
          + ": it is on another host than the registry " + Origins.describe(registry));
    }
    return url;
  }
}
