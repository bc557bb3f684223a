package dev.berth.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The platform an image runs on, as in an index entry's {@code platform} (image-spec image-index.md).
 *
 * @param architecture CPU architecture in Go's GOARCH terms, e.g. {@code amd64}, {@code arm64}
 * @param os operating system in GOOS terms, e.g. {@code linux}, {@code windows}
 * @param osVersion optional {@code os.version}
 * @param osFeatures optional {@code os.features}
 * @param variant optional CPU variant, e.g. {@code v8} for arm64 or {@code v7} for arm
 * @param features reserved by the spec; carried as found
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"architecture", "os", "os.version", "os.features", "variant", "features"})
public record Platform(
    @JsonProperty("architecture") @Nullable String architecture,
    @JsonProperty("os") @Nullable String os,
    @JsonProperty("os.version") @Nullable String osVersion,
    @JsonProperty("os.features") @Nullable List<String> osFeatures,
    @JsonProperty("variant") @Nullable String variant,
    @JsonProperty("features") @Nullable List<String> features) {

  /** Copies the lists. */
  public Platform {
    osFeatures = osFeatures == null ? null : List.copyOf(osFeatures);
    features = features == null ? null : List.copyOf(features);
  }

  /** {@code os/arch} or {@code os/arch/variant}. */
  public static Platform of(@Nullable String os, @Nullable String architecture, @Nullable String variant) {
    return new Platform(architecture, os, null, null, variant, null);
  }

  /**
   * Parses {@code os/arch[/variant]}, e.g. {@code linux/arm64/v8}.
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static Platform parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
        || (parts.length == 3 && parts[2].isEmpty())) {
      throw new IllegalArgumentException("platform \"" + text + "\" is not of the form os/arch[/variant]");
    }
    return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * Whether this (an index entry's platform) satisfies {@code wanted}: same os and architecture, and
   * the same variant and os.version when {@code wanted} names them.
   */
  public boolean satisfies(Platform wanted) {
    return Objects.equals(os, wanted.os)
        && Objects.equals(architecture, wanted.architecture)
        && (wanted.variant == null || wanted.variant.equals(variant))
        && (wanted.osVersion == null || wanted.osVersion.equals(osVersion));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
