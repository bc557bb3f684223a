package dev.berth.core.content;

import java.io.IOException;
import java.util.List;

/** Storage that can list its tags. */
public interface TagLister {
  /** All tags, in the store's order (lexical for registries), following pagination to the end. */
  List<String> tags() throws IOException;

  /**
   * The tags a page at a time, as they arrive; stops when {@code consumer} returns false. Registries
   * deliver each page in lexical order (the whole list may not be: distribution 2.8 without a page size
   * does not sort). Stores that hold their tags locally deliver them as one page.
   *
   * @throws dev.berth.core.SizeLimitExceededException when a registry's listing exceeds the client's
   *     total caps on entries or bytes
   */
  default void tags(PageConsumer<String> consumer) throws IOException {
    consumer.page(tags());
  }
}
