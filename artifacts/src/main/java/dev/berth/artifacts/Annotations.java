package dev.berth.artifacts;

import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.remote.Redaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The package annotations GitHub Container Registry reads from a manifest or index:
 * {@code org.opencontainers.image.source} (links the package to its repository),
 * {@code org.opencontainers.image.description} and {@code org.opencontainers.image.licenses}.
 *
 * <p>ghcr.io shows at most {@value #MAX_DESCRIPTION} characters of description and
 * {@value #MAX_LICENSES} of licenses; longer values are refused here rather than cut silently. For a
 * multi-platform image ghcr.io reads them from the index, so apply them there too.
 *
 * <pre>{@code
 * Annotations a = Annotations.builder()
 *     .sourceFromGitHubActions(System.getenv())   // https://github.com/owner/repo inside Actions
 *     .description("Base image with our tools")
 *     .licenses("Apache-2.0")
 *     .build();
 * Manifest annotated = a.applyTo(manifest);
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class Annotations {
  /** URL of the source the content was built from; ghcr.io links the package to this repository. */
  public static final String SOURCE = "org.opencontainers.image.source";
  /** Human-readable description. */
  public static final String DESCRIPTION = "org.opencontainers.image.description";
  /** SPDX license expression. */
  public static final String LICENSES = "org.opencontainers.image.licenses";
  /** The longest description ghcr.io accepts, in characters. */
  public static final int MAX_DESCRIPTION = 512;
  /** The longest licenses value ghcr.io accepts, in characters. */
  public static final int MAX_LICENSES = 256;

  private static final Annotations NONE = new Annotations(null, null, null);

  private final @Nullable String source;
  private final @Nullable String description;
  private final @Nullable String licenses;

  private Annotations(@Nullable String source, @Nullable String description, @Nullable String licenses) {
    this.source = source;
    this.description = description;
    this.licenses = licenses;
  }

  /** No annotations: applying it changes nothing. */
  public static Annotations none() {
    return NONE;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The repository URL a GitHub Actions run builds from, {@code GITHUB_SERVER_URL/GITHUB_REPOSITORY}
   * (e.g. {@code https://github.com/owner/repo}), when {@code env} is an Actions environment
   * ({@code GITHUB_ACTIONS=true} and both variables set); empty otherwise.
   *
   * @param env the environment, usually {@code System.getenv()}; passed in so callers and tests choose
   */
  public static Optional<String> gitHubActionsSource(Map<String, String> env) {
    if (!"true".equals(env.get("GITHUB_ACTIONS"))) {
      return Optional.empty();
    }
    String server = env.get("GITHUB_SERVER_URL");
    String repository = env.get("GITHUB_REPOSITORY");
    if (server == null || repository == null || isBlank(server) || isBlank(repository)) {
      return Optional.empty();
    }
    return Optional.of(stripTrailingSlashes(server.trim()) + "/" + repository.trim());
  }

  /** The source URL, if set. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** The description, if set. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The licenses expression, if set. */
  public Optional<String> licenses() {
    return Optional.ofNullable(licenses);
  }

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return source == null && description == null && licenses == null;
  }

  /** The set annotations, in the order source, description, licenses. */
  public Map<String, String> toMap() {
    Map<String, String> out = new LinkedHashMap<>();
    if (source != null) {
      out.put(SOURCE, source);
    }
    if (description != null) {
      out.put(DESCRIPTION, description);
    }
    if (licenses != null) {
      out.put(LICENSES, licenses);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * {@code existing} with these annotations added; a value set here replaces the same key there.
   *
   * @param existing annotations already present, or null
   */
  public Map<String, String> mergeInto(@Nullable Map<String, String> existing) {
    Map<String, String> out = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
    out.putAll(toMap());
    return out;
  }

  /** {@code manifest} with these annotations merged into its own. */
  public Manifest applyTo(Manifest manifest) {
    return isEmpty() ? manifest : manifest.withAnnotations(mergeInto(manifest.annotations()));
  }

  /** {@code index} with these annotations merged into its own (ghcr.io reads an index's). */
  public Index applyTo(Index index) {
    return isEmpty() ? index : index.withAnnotations(mergeInto(index.annotations()));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Annotations a && Objects.equals(a.source, source)
        && Objects.equals(a.description, description) && Objects.equals(a.licenses, licenses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, description, licenses);
  }

  @Override
  public String toString() {
    return "Annotations" + toMap();
  }

  /**
   * Checks an annotation a user gives: neither key nor value may hold a control character (newline,
   * carriage return, ESC, tab, ...) or a Unicode direction override, since annotations are shown by
   * {@code discover}, registry web pages and other tools, where such characters forge lines or drive
   * terminals.
   *
   * @return {@code annotations}, for chaining
   * @throws IllegalArgumentException naming the annotation, the character and its 1-based position
   */
  public static Map<String, String> requirePrintable(Map<String, String> annotations) {
    annotations.forEach(Annotations::requirePrintable);
    return annotations;
  }

  /** As {@link #requirePrintable(Map)} for one annotation. */
  public static void requirePrintable(String key, String value) {
    Objects.requireNonNull(key, "annotation key");
    Objects.requireNonNull(value, "value of annotation " + key);
    String shownKey = Redaction.printable(key);
    refuseControl(key, "annotation " + shownKey + ": its key");
    refuseControl(value, "annotation " + shownKey + ": its value");
  }

  private static void refuseControl(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      if (Redaction.needsEscape(text.charAt(i))) {
        throw new IllegalArgumentException(what + " has a control character ("
            + Redaction.printable(String.valueOf(text.charAt(i))) + " at position " + (i + 1)
            + "); annotation keys and values must be printable text");
      }
    }
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  private static String stripTrailingSlashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Collects values; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private @Nullable String source;
    private @Nullable String description;
    private @Nullable String licenses;
    private @Nullable Map<String, String> actionsEnv;

    private Builder() {}

    /** The source URL (explicit values win over {@link #sourceFromGitHubActions}). Null clears. */
    public Builder source(String url) {
      this.source = url;
      return this;
    }

    /**
     * Takes the source from a GitHub Actions environment when no explicit {@link #source} is given;
     * outside Actions it sets nothing.
     */
    public Builder sourceFromGitHubActions(Map<String, String> env) {
      this.actionsEnv = Map.copyOf(Objects.requireNonNull(env, "env"));
      return this;
    }

    /** The description, at most {@value #MAX_DESCRIPTION} characters. Null clears. */
    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /** The SPDX licenses expression, at most {@value #MAX_LICENSES} characters. Null clears. */
    public Builder licenses(String spdx) {
      this.licenses = spdx;
      return this;
    }

    /**
     * The annotations.
     *
     * @throws IllegalArgumentException when a value is blank or longer than ghcr.io accepts
     */
    public Annotations build() {
      String s = source != null ? source
          : actionsEnv == null ? null : gitHubActionsSource(actionsEnv).orElse(null);
      check(SOURCE, s, Integer.MAX_VALUE);
      check(DESCRIPTION, description, MAX_DESCRIPTION);
      check(LICENSES, licenses, MAX_LICENSES);
      if (s == null && description == null && licenses == null) {
        return NONE;
      }
      return new Annotations(s, description, licenses);
    }

    private static void check(String key, @Nullable String value, int max) {
      if (value == null) {
        return;
      }
      if (value.isBlank()) {
        throw new IllegalArgumentException(key + " must not be blank");
      }
      requirePrintable(key, value);
      int length = value.codePointCount(0, value.length());
      if (length > max) {
        throw new IllegalArgumentException(key + " is " + length + " characters; ghcr.io accepts at most " + max);
      }
    }
  }
}
