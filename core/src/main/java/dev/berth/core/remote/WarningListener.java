package dev.berth.core.remote;

/**
 * Receives the texts of {@code Warning: 299} headers that registries send (distribution-spec v1.1,
 * "Warnings"), such as deprecation notices. Called on the thread making the request; keep it quick.
 */
@FunctionalInterface
public interface WarningListener {
  /** A listener that ignores warnings. */
  WarningListener IGNORE = (host, text) -> {};

  /**
   * @param host the host that sent the warning
   * @param text the warning text, unquoted
   */
  void onWarning(String host, String text);
}
