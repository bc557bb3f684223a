package dev.berth.core.content;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a blob's bytes from their start, afresh on each call: what a retried upload reads again
 * ({@link TransferRetries#push}, {@code Repository.push}), and what a declined mount uploads after all
 * ({@link Mounter#mount}).
 */
@FunctionalInterface
public interface ContentOpener {
  /** Opens the content from its start; the caller closes the stream. */
  InputStream open() throws IOException;
}
