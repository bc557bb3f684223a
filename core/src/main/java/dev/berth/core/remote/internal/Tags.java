package dev.berth.core.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.OciException;
import dev.berth.core.content.PageConsumer;
import dev.berth.core.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The tag list endpoint (end-8a/8b) and the registry catalog, both paged by {@code n}/{@code last} and {@code Link}. */
public final class Tags {
  private final RepositoryContext ctx;

  public Tags(RepositoryContext ctx) {
    this.ctx = ctx;
  }

  /**
   * All tags in lexical order, following pagination; {@code pageSize} 0 lets the registry choose. The
   * spec orders tags lexically, but distribution 2.8 does not when asked without {@code n}, so the
   * collected list is sorted here.
   */
  public List<String> list(int pageSize, @Nullable String last) throws IOException {
    List<String> out = new ArrayList<>();
    pages(pageSize, last, page -> {
      out.addAll(page);
      return true; // not addAll's answer: an empty page must not stop the listing
    });
    Collections.sort(out);
    return out;
  }

  /**
   * The tags a page at a time, each page sorted, within the client's total caps on the listing.
   *
   * @param consumer returns false to stop
   */
  public void pages(int pageSize, @Nullable String last, PageConsumer<String> consumer) throws IOException {
    String what = "tag list of " + ctx.where();
    ListBudget budget = new ListBudget(ctx.settings().listLimits(), what);
    Pages.fetchAll(ctx, ctx.endpoints().tags(pageSize, last), Access.pull(ctx.name()), "application/json", what,
        budget, (response, body) -> {
          List<String> page = new ArrayList<>(strings(body, "tags", "tag list"));
          budget.entries(page.size());
          Collections.sort(page);
          return consumer.page(page);
        }, null);
  }

  /** The string array {@code field} of a JSON page; a missing or null array is empty (distribution's way). */
  public static List<String> strings(byte[] body, String field, String what) throws OciException {
    JsonNode root;
    try {
      root = Json.tree(body);
    } catch (IOException e) {
      throw new OciException(what + " is not JSON", e);
    }
    JsonNode array = root == null ? null : root.get(field);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new OciException(what + ": \"" + field + "\" is not an array");
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      if (!n.isTextual()) {
        throw new OciException(what + ": \"" + field + "\" holds a non-string");
      }
      out.add(n.asText());
    }
    return out;
  }
}
