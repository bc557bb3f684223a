package dev.berth.core.remote.internal;

import dev.berth.core.Digest;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Every distribution-spec URL berth requests, one small function per endpoint; no other class builds a
 * {@code /v2/} path. Endpoint ids ({@code end-N}) and sections refer to the OCI distribution-spec v1.1,
 * https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#endpoints.
 */
public final class Endpoints {
  private final HttpUrl base;
  private final String name;

  /**
   * @param base {@code scheme://host[:port]/} of the registry's API
   * @param name the repository name, e.g. {@code library/alpine}
   */
  public Endpoints(HttpUrl base, String name) {
    this.base = base;
    this.name = name;
  }

  /** The API root of {@code host} over {@code scheme}: {@code scheme://host/}. */
  public static HttpUrl base(String scheme, String host) {
    HttpUrl url = HttpUrl.parse(scheme + "://" + host + "/");
    if (url == null) {
      throw new IllegalArgumentException("registry host \"" + host + "\" is not a valid host[:port]");
    }
    return url;
  }

  /** end-1, API version check. Format: {@code GET /v2/} (spec "Determining support"). */
  public static HttpUrl ping(HttpUrl base) {
    return base.newBuilder().encodedPath("/v2/").build();
  }

  /**
   * Repository catalog; not in the OCI spec, from the Docker registry API v2 that distribution serves.
   * Format: {@code GET /v2/_catalog?n=<n>}.
   */
  public static HttpUrl catalog(HttpUrl base, int pageSize) {
    HttpUrl.Builder b = base.newBuilder().encodedPath("/v2/_catalog");
    if (pageSize > 0) {
      b.addQueryParameter("n", Integer.toString(pageSize));
    }
    return b.build();
  }

  /** The repository name these endpoints address. */
  public String name() {
    return name;
  }

  /** The API root. */
  public HttpUrl base() {
    return base;
  }

  /**
   * end-3 (GET/HEAD), end-7 (PUT), end-9 (DELETE). Format: {@code /v2/<name>/manifests/<reference>},
   * reference a tag or a digest (spec "Pulling manifests", "Pushing Manifests", "Deleting Manifests").
   */
  public HttpUrl manifest(String reference) {
    return repo().addPathSegment("manifests").addPathSegment(reference).build();
  }

  /** end-2 (GET/HEAD), end-10 (DELETE). Format: {@code /v2/<name>/blobs/<digest>} (spec "Pulling blobs"). */
  public HttpUrl blob(Digest digest) {
    return repo().addPathSegment("blobs").addPathSegment(digest.toString()).build();
  }

  /**
   * end-4a, open an upload session. Format: {@code POST /v2/<name>/blobs/uploads/} (spec "Pushing a
   * blob monolithically", "Pushing a blob in chunks").
   */
  public HttpUrl uploads() {
    return repo().addPathSegment("blobs").addPathSegment("uploads").addPathSegment("").build();
  }

  /**
   * end-11, cross-repository mount. Format: {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}
   * (spec "Mounting a blob from another repository").
   */
  public HttpUrl mount(Digest digest, String fromRepository) {
    return uploads().newBuilder()
        .addQueryParameter("mount", digest.toString())
        .addQueryParameter("from", fromRepository)
        .build();
  }

  /**
   * end-6, close an upload session. Format: {@code PUT <location>?digest=<digest>}, keeping the
   * location's own query (registries keep upload state there) (spec "Pushing a blob monolithically").
   */
  public static HttpUrl completeUpload(HttpUrl location, Digest digest) {
    return location.newBuilder().addQueryParameter("digest", digest.toString()).build();
  }

  /**
   * end-8a/end-8b. Format: {@code GET /v2/<name>/tags/list?n=<n>&last=<last>} (spec "Listing Tags").
   */
  public HttpUrl tags(int pageSize, @Nullable String last) {
    HttpUrl.Builder b = repo().addPathSegment("tags").addPathSegment("list");
    if (pageSize > 0) {
      b.addQueryParameter("n", Integer.toString(pageSize));
    }
    if (last != null) {
      b.addQueryParameter("last", last);
    }
    return b.build();
  }

  /**
   * end-12a/end-12b. Format: {@code GET /v2/<name>/referrers/<digest>?artifactType=<type>} (spec
   * "Listing Referrers").
   */
  public HttpUrl referrers(Digest subject, @Nullable String artifactType) {
    HttpUrl.Builder b = repo().addPathSegment("referrers").addPathSegment(subject.toString());
    if (artifactType != null) {
      b.addQueryParameter("artifactType", artifactType);
    }
    return b.build();
  }

  private HttpUrl.Builder repo() {
    return base.newBuilder().encodedPath("/v2/").addPathSegments(name);
  }
}
