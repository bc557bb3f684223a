package dev.berth.artifacts.image;

import dev.berth.core.NotFoundException;
import dev.berth.core.Platform;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An index has no image for the requested platform, or a platform must be chosen and none was. The
 * message lists the platforms the index offers.
 */
public final class NoMatchingPlatformException extends NotFoundException {
  /** The platform asked for, or null. */
  private final @Nullable Platform wanted;
  /** The platforms the index offers. */
  private final List<Platform> available;

  /**
   * @param message what was asked for and which platforms the index offers
   * @param wanted the platform asked for, or null when none was given
   * @param available the platforms the index offers, in index order
   */
  public NoMatchingPlatformException(String message, @Nullable Platform wanted, List<Platform> available) {
    super(message);
    this.wanted = wanted;
    this.available = List.copyOf(available);
  }

  /** The platform asked for, or null when none was given. */
  public @Nullable Platform wanted() {
    return wanted;
  }

  /** The platforms the index offers, in index order. */
  public List<Platform> available() {
    return available;
  }
}
