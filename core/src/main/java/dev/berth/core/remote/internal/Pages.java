package dev.berth.core.remote.internal;

import dev.berth.core.remote.LinkPages;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Follows {@code Link: <...>; rel="next"} pagination (tag lists, the catalog, referrers) with the limits a
 * hostile server needs: a page cap, no loops, no pages on another origin, each page's size capped, and a
 * total on the whole listing ({@link ListBudget}). One page is held at a time; a handler can stop early.
 */
public final class Pages {
  /** A page is JSON we hold in memory: thousands of tags fit in far less. */
  public static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;
  /** At the registries' usual 100 to 1000 entries a page, far more than any real repository has. */
  public static final int MAX_PAGES = 10_000;

  /** Receives each page's body; the response is open for headers. */
  @FunctionalInterface
  public interface PageHandler {
    /** Handles one page; returns false to stop paging. */
    boolean page(Response response, byte[] body) throws IOException;
  }

  /** Fetches a failure's exception; lets callers treat some statuses (404) their own way. */
  @FunctionalInterface
  public interface FailureHandler {
    /** Returns true when the failure was handled and paging should stop quietly. */
    boolean handled(Response response) throws IOException;
  }

  private Pages() {}

  /**
   * GETs {@code first} and every next page, handing each to {@code handler}.
   *
   * @param accept the Accept header, or null
   */
  public static void fetchAll(RepositoryContext ctx, HttpUrl first, Access access, String accept, String what,
      ListBudget budget, PageHandler handler, @Nullable FailureHandler onFailure) throws IOException {
    fetchAll(ctx::execute, ctx.host(), first, access, accept, what, budget, handler, onFailure);
  }

  /** Executes a request; abstracts over the repository and registry contexts. */
  @FunctionalInterface
  public interface Executor {
    Response execute(Request request) throws IOException;
  }

  public static void fetchAll(Executor http, String host, HttpUrl first, Access access, String accept, String what,
      ListBudget budget, PageHandler handler, @Nullable FailureHandler onFailure) throws IOException {
    LinkPages.follow(first, MAX_PAGES, what + " from " + host, url -> {
      Request.Builder b = access.tag(new Request.Builder().url(url).get());
      if (accept != null) {
        b.header("Accept", accept);
      }
      try (Response response = http.execute(b.build())) {
        if (!response.isSuccessful()) {
          if (onFailure != null && onFailure.handled(response)) {
            return null;
          }
          throw Failures.of(response, host, access, what);
        }
        byte[] body = Bodies.readCapped(response, MAX_PAGE_BYTES, what + " page");
        budget.bytes(body.length);
        return handler.page(response, body) ? LinkPages.nextPage(response, url, what) : null;
      }
    });
  }
}
