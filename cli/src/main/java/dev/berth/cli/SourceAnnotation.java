package dev.berth.cli;

import dev.berth.artifacts.Annotations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In GitHub Actions, marks pushed artifacts with {@code org.opencontainers.image.source} pointing at the
 * workflow's repository, which is how ghcr.io links a package to its repository (and lets the
 * repository's GITHUB_TOKEN write to it later). An explicit {@code --annotation} of the same key wins.
 */
final class SourceAnnotation {
  private SourceAnnotation() {}

  static Map<String, String> withGitHubActionsSource(Map<String, String> annotations, Console console) {
    if (annotations.containsKey(Annotations.SOURCE)) {
      return annotations;
    }
    Optional<String> source = Annotations.gitHubActionsSource(System.getenv());
    if (source.isEmpty()) {
      return annotations;
    }
    console.note("linking to " + source.get() + " (" + Annotations.SOURCE + ")");
    Map<String, String> out = new LinkedHashMap<>(annotations);
    out.put(Annotations.SOURCE, source.get());
    return out;
  }
}
