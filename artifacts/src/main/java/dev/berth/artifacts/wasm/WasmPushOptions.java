package dev.berth.artifacts.wasm;

import dev.berth.artifacts.Annotations;
import dev.berth.core.remote.ProgressListener;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How {@link WasmArtifacts#push} describes a binary: the config's author and creation time, a
 * component's imports and exports, and the manifest's annotations. Immutable; start from {@link
 * #defaults()} or {@link #builder()}. A class with a builder rather than a record, so that a setting
 * added later breaks no caller.
 *
 * <pre>{@code
 * WasmPushOptions options = WasmPushOptions.builder()
 *     .author("team@example.com")
 *     .created(Instant.parse("2024-01-01T00:00:00Z"))
 *     .build();
 * }</pre>
 */
public final class WasmPushOptions {
  private static final WasmPushOptions DEFAULTS = builder().build();

  private final @Nullable String author;
  private final @Nullable Instant created;
  private final @Nullable WasmComponent component;
  private final Map<String, String> annotations;
  private final ProgressListener progressListener;

  private WasmPushOptions(Builder b) {
    this.author = b.author;
    this.created = b.created;
    this.component = b.component;
    this.annotations = Collections.unmodifiableMap(new TreeMap<>(b.annotations));
    this.progressListener = b.progressListener;
  }

  /**
   * No author, created at push time, a component's imports and exports read from the binary when
   * possible, no annotations.
   */
  public static WasmPushOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** The config's {@code author}, or null for none. */
  public @Nullable String author() {
    return author;
  }

  /**
   * The config's {@code created}, or null for the time of the push (a fixed time makes the same file
   * give the same digest).
   */
  public @Nullable Instant created() {
    return created;
  }

  /**
   * A component's imports and exports as the caller knows them (for example from its WIT world), or
   * null to read them from the binary when that is possible.
   */
  public @Nullable WasmComponent component() {
    return component;
  }

  /** The manifest's annotations, sorted by key; empty for none. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /**
   * The listener this operation reports its registry transfers to, besides the client's own; {@link
   * ProgressListener#NONE} (the default) for none.
   */
  public ProgressListener progressListener() {
    return progressListener;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WasmPushOptions other && Objects.equals(author, other.author)
        && Objects.equals(created, other.created) && Objects.equals(component, other.component)
        && annotations.equals(other.annotations) && progressListener.equals(other.progressListener);
  }

  @Override
  public int hashCode() {
    return Objects.hash(author, created, component, annotations, progressListener);
  }

  @Override
  public String toString() {
    return "WasmPushOptions[author=" + author + ", created=" + created + ", component=" + component
        + ", annotations=" + annotations + progressText() + "]";
  }

  private String progressText() {
    return progressListener == ProgressListener.NONE ? "" : ", progressListener=" + progressListener;
  }

  /** Builds {@link WasmPushOptions}. */
  public static final class Builder {
    private @Nullable String author;
    private @Nullable Instant created;
    private @Nullable WasmComponent component;
    private final Map<String, String> annotations = new TreeMap<>();
    private ProgressListener progressListener = ProgressListener.NONE;

    private Builder() {}

    private Builder(WasmPushOptions o) {
      author = o.author;
      created = o.created;
      component = o.component;
      annotations.putAll(o.annotations);
      progressListener = o.progressListener;
    }

    /** The config's {@code author}; null (the default) for none. */
    public Builder author(String author) {
      this.author = author;
      return this;
    }

    /**
     * A fixed {@code created} time for the config; null (the default) for the time of the push. With a
     * fixed time, pushing the same file twice gives the same manifest digest.
     */
    public Builder created(Instant created) {
      this.created = created;
      return this;
    }

    /** These imports and exports for a component; null (the default) to read them from the binary. */
    public Builder component(WasmComponent component) {
      this.component = component;
      return this;
    }

    /**
     * Sets one manifest annotation.
     *
     * @throws IllegalArgumentException when the key or value holds a control character
     */
    public Builder annotation(String key, String value) {
      Annotations.requirePrintable(key, value);
      annotations.put(key, value);
      return this;
    }

    /**
     * Sets these manifest annotations, beside any set before.
     *
     * @throws IllegalArgumentException when a key or value holds a control character
     */
    public Builder annotations(Map<String, String> annotations) {
      this.annotations.putAll(Annotations.requirePrintable(Objects.requireNonNull(annotations, "annotations")));
      return this;
    }

    /**
     * Reports this operation's transfers to or from a registry to {@code listener} as well as to the
     * client's own: each {@link dev.berth.core.remote.TransferEvent} names the repository, the direction
     * and the descriptor, and {@code done} comes once per blob or manifest. Default {@link
     * ProgressListener#NONE}. An OCI layout or other local target moves no network bytes and reports
     * nothing.
     */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The options as set so far. */
    public WasmPushOptions build() {
      return new WasmPushOptions(this);
    }
  }
}
