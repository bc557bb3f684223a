package dev.berth.cli.demo;

import dev.berth.core.content.Target;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the demo publishes: one repository per artifact, either as OCI layout directories (no registry
 * and no network needed) or in a registry namespace.
 */
public interface DemoDestination {
  /** The store for {@code repository} (a short name such as {@code hello-chart}). */
  Target open(String repository) throws IOException;

  /** How a user names {@code repository}, e.g. {@code oci:berth-demo/layouts/hello-chart} or {@code ghcr.io/me/hello-chart}. */
  String name(String repository);

  /** OCI layouts under {@code dir}, one directory per repository. */
  static DemoDestination layouts(Path dir) {
    return new DemoDestination() {
      @Override
      public Target open(String repository) throws IOException {
        return OciLayout.open(dir.resolve(repository));
      }

      @Override
      public String name(String repository) {
        return "oci:" + dir.resolve(repository);
      }
    };
  }

  /** Repositories {@code namespace/repository} in a registry, e.g. namespace {@code ghcr.io/octocat}. */
  static DemoDestination registry(RegistryClient client, String namespace) {
    String ns = namespace.endsWith("/") ? namespace.substring(0, namespace.length() - 1) : namespace;
    return new DemoDestination() {
      @Override
      public Target open(String repository) {
        return client.repository(name(repository));
      }

      @Override
      public String name(String repository) {
        return ns + "/" + repository;
      }
    };
  }
}
