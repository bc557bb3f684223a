package dev.berth.core.content;

import java.io.IOException;
import java.util.List;

/** Storage that can list its tags. */
public interface TagLister {
  /** All tags, in the store's order (lexical for registries), following pagination to the end. */
  List<String> tags() throws IOException;
}
