package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build recorded about itself: {@code version} (the Maven project version) and {@code commit}
 * (the git commit the jar was built from, or "unknown" outside a git checkout). The build writes them into
 * {@code build.properties} beside this class by resource filtering.
 */
final class BuildInfo {
  private static final String RESOURCE = "build.properties";

  private BuildInfo() {}

  static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing beside " + BuildInfo.class.getName()
            + ": this berth was not built by its Maven build");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return p;
  }
}
