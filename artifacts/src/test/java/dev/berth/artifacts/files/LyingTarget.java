package dev.berth.artifacts.files;

import dev.berth.core.Descriptor;
import dev.berth.core.content.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A store that answers one titled layer with other bytes of the same length: a hostile server's trick. */
final class LyingTarget implements Target {
  private final Target delegate;
  private final String title;

  LyingTarget(Target delegate, String titlePrefix) {
    this.delegate = delegate;
    this.title = titlePrefix;
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    if (target.title() != null && target.title().startsWith(title)) {
      byte[] junk = "X".repeat((int) target.size()).getBytes(StandardCharsets.UTF_8);
      return new ByteArrayInputStream(junk);
    }
    return delegate.fetch(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    return delegate.exists(target);
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    delegate.push(expected, content);
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    return delegate.resolve(reference);
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    delegate.tag(target, tag);
  }
}
