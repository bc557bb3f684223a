package dev.berth.core.content;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Receives a listing (tags, referrers, repositories) a page at a time, as the pages arrive, so that a
 * caller holds one page in memory and can stop early.
 *
 * @param <T> the entries listed
 */
@FunctionalInterface
public interface PageConsumer<T> {
  /**
   * Receives the next page.
   *
   * @return true to go on, false to stop: no further page is fetched
   */
  boolean page(List<T> entries) throws IOException;
}
