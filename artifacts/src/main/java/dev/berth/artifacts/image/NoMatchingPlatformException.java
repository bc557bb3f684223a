package dev.berth.artifacts.image;

import dev.berth.core.NotFoundException;
import dev.berth.core.Platform;
import java.util.List;

/**
 * An index has no image for the requested platform, or a platform must be chosen and none was. The
 * message lists the platforms the index offers.
 */
public final class NoMatchingPlatformException extends NotFoundException {
  private final Platform wanted;
  private final List<Platform> available;

  public NoMatchingPlatformException(String message, Platform wanted, List<Platform> available) {
    super(message);
    this.wanted = wanted;
    this.available = List.copyOf(available);
  }

  /** The platform asked for, or null when none was given. */
  public Platform wanted() {
    return wanted;
  }

  /** The platforms the index offers, in index order. */
  public List<Platform> available() {
    return available;
  }
}
