package dev.berth.auth.internal;

import dev.berth.auth.AuthenticationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A cache whose loads happen once per key however many threads ask at the same moment: the first caller
 * loads, the others wait for its result. That is what keeps ten concurrent pushes to one repository at
 * one token request. Failed loads are not cached, so the next caller tries again.
 */
public final class OnceCache<K, V> {
  /** Loads a value; may block and fail. */
  @FunctionalInterface
  public interface Loader<V> {
    V load() throws IOException;
  }

  private final ConcurrentHashMap<K, CompletableFuture<V>> entries = new ConcurrentHashMap<>();

  /**
   * Returns the cached value for {@code key}, loading it (once, for all concurrent callers) when there is
   * none or the cached one is {@code stale}.
   */
  public V get(K key, Predicate<V> stale, Loader<V> loader) throws IOException {
    V cached = peek(key, stale);
    if (cached != null) {
      return cached; // the common case, without compute()'s lock on the map bin
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> entry = entries.compute(key, (k, old) -> {
      if (old == null) {
        return mine;
      }
      // A finished, fresh value is reused; a load in flight is joined; a stale value is replaced.
      V done = old.isDone() && !old.isCompletedExceptionally() ? old.getNow(null) : null;
      return !old.isDone() || (done != null && !stale.test(done)) ? old : mine;
    });
    if (entry == mine) {
      try {
        V value = loader.load();
        mine.complete(value);
        return value;
      } catch (IOException | RuntimeException | Error e) {
        entries.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
    }
    return await(entry);
  }

  /** Returns the finished, fresh value for {@code key} without loading, or null. */
  public @Nullable V peek(K key, Predicate<V> stale) {
    CompletableFuture<V> entry = entries.get(key);
    if (entry == null || !entry.isDone() || entry.isCompletedExceptionally()) {
      return null;
    }
    V value = entry.getNow(null);
    return value == null || stale.test(value) ? null : value;
  }

  /** Drops the entry for {@code key} if it still holds {@code value} (a newer value is kept). */
  public void invalidate(K key, V value) {
    entries.computeIfPresent(key, (k, entry) ->
        entry.isDone() && !entry.isCompletedExceptionally() && entry.getNow(null) == value ? null : entry);
  }

  /** Drops every entry whose finished value is {@code stale}, to bound memory in long-lived clients. */
  public void evict(Predicate<V> stale) {
    entries.values().removeIf(entry ->
        entry.isDone() && !entry.isCompletedExceptionally() && stale.test(entry.getNow(null)));
  }

  public int size() {
    return entries.size();
  }

  private static <V> V await(CompletableFuture<V> entry) throws IOException {
    try {
      return entry.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for another thread's token request");
    } catch (ExecutionException e) {
      // Each waiter throws its own exception (with the loader's as cause) so its stack trace is its own.
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationException a) {
        throw new AuthenticationException(a.reason(), a.getMessage(), a.denied(), a);
      }
      if (cause instanceof IOException io) {
        throw new IOException(io.getMessage(), io);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    }
  }
}
