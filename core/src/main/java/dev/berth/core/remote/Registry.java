package dev.berth.core.remote;

import dev.berth.core.content.PageConsumer;
import dev.berth.core.remote.internal.Access;
import dev.berth.core.remote.internal.AuthFailures;
import dev.berth.core.remote.internal.Endpoints;
import dev.berth.core.remote.internal.Failures;
import dev.berth.core.remote.internal.ListBudget;
import dev.berth.core.remote.internal.ListLimits;
import dev.berth.core.remote.internal.Pages;
import dev.berth.core.remote.internal.Tags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A registry as a whole: the API check and the repository catalog. Obtain one from {@link
 * RegistryClient#registry(String)}. Immutable and thread-safe.
 */
public final class Registry {
  private final RegistryClient client;
  private final OkHttpClient http;
  private final String host;
  private final HttpUrl base;
  private final ListLimits limits;

  Registry(RegistryClient client, OkHttpClient http, String host, HttpUrl base, ListLimits limits) {
    this.client = client;
    this.limits = limits;
    this.http = http;
    this.host = host;
    this.base = base;
  }

  /** The host as named, e.g. {@code ghcr.io} or {@code localhost:5000}. */
  public String host() {
    return host;
  }

  /**
   * Checks that the host serves the registry API v2 ({@code GET /v2/}), authenticating if it asks.
   *
   * @throws dev.berth.core.UnauthorizedException when the credentials are refused
   * @throws dev.berth.core.OciException when the host answers with anything but success
   */
  public void ping() throws IOException {
    Access access = Access.registry();
    Request request = access.tag(new Request.Builder().url(Endpoints.ping(base)).get()).build();
    try (Response response = AuthFailures.execute(http, request, host)) {
      if (!response.isSuccessful()) {
        throw Failures.of(response, host, access, "registry API v2");
      }
    }
  }

  /** All repository names the registry lists ({@code /v2/_catalog}), following pagination. */
  public List<String> catalog() throws IOException {
    return catalog(0);
  }

  /** All repository names, asking for pages of {@code pageSize}. */
  public List<String> catalog(int pageSize) throws IOException {
    List<String> out = new ArrayList<>();
    catalog(pageSize, page -> {
      out.addAll(page);
      return true; // List.addAll says whether the list changed: an empty page must not stop the listing
    });
    return out;
  }

  /**
   * The repository names a page at a time, as they arrive, asking for pages of {@code pageSize} (0: the
   * registry chooses); stops when {@code consumer} returns false.
   *
   * @throws dev.berth.core.SizeLimitExceededException when the catalog exceeds the client's total caps
   *     on entries or bytes ({@link RegistryClient.Builder#maxListEntries}, {@link
   *     RegistryClient.Builder#maxListBytes})
   */
  public void catalog(int pageSize, PageConsumer<String> consumer) throws IOException {
    Access access = Access.catalog();
    String what = "catalog of " + host;
    ListBudget budget = new ListBudget(limits, what);
    Pages.fetchAll(r -> AuthFailures.execute(http, r, host), host, Endpoints.catalog(base, pageSize), access,
        "application/json", what, budget, (response, body) -> {
          List<String> page = Tags.strings(body, "repositories", "catalog");
          budget.entries(page.size());
          return consumer.page(page);
        }, null);
  }

  /** The repository {@code name} on this registry. */
  public Repository repository(String name) {
    return client.repository(host, name);
  }

  @Override
  public String toString() {
    return "Registry{" + host + "}";
  }
}
