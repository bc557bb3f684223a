package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Storage that can list the manifests whose {@code subject} is a given manifest (image-spec 1.1). */
public interface ReferrerLister {
  /**
   * The descriptors of manifests that refer to {@code subject}, each with its {@code artifactType} and
   * annotations as the referrers API reports them.
   *
   * @param artifactType only referrers of this type, or null for all
   */
  List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType) throws IOException;

  /**
   * The referrers a page at a time, as they arrive; stops when {@code consumer} returns false. Stores
   * that hold them locally deliver them as one page.
   *
   * @param artifactType only referrers of this type, or null for all
   * @throws dev.berth.core.SizeLimitExceededException when a registry's listing exceeds the client's
   *     total caps on entries or bytes
   */
  default void referrers(Descriptor subject, @Nullable String artifactType, PageConsumer<Descriptor> consumer)
      throws IOException {
    consumer.page(referrers(subject, artifactType));
  }
}
