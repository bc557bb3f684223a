package dev.berth.testkit;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Renders docker-registry 2.8's config.yml for one test server.
 *
 * <p>Tuned for speed: no storage health checks, no upload purging, an in-memory blob descriptor
 * cache, access log off. Deletes are on because the contract tests delete manifests and blobs.
 * Distribution 2.8 accepts OCI image manifests with any config media type, {@code artifactType}
 * and {@code subject} fields, and OCI indexes without extra settings (see RegistryServerIT).
 */
final class RegistryConfig {
  private RegistryConfig() {}

  static String render(int port, Path storage, String logLevel, boolean deleteEnabled,
      TestPki.ServerCert tls, Path htpasswd, TokenServer tokenServer, String extraYaml) {
    StringBuilder y = new StringBuilder();
    y.append("version: 0.1\n");
    y.append("log:\n  level: ").append(logLevel).append("\n  formatter: text\n");
    y.append("  accesslog:\n    disabled: true\n");
    y.append("storage:\n");
    y.append("  filesystem:\n    rootdirectory: ").append(quote(storage.toString())).append('\n');
    y.append("  delete:\n    enabled: ").append(deleteEnabled).append('\n');
    y.append("  cache:\n    blobdescriptor: inmemory\n");
    y.append("  maintenance:\n    uploadpurging:\n      enabled: false\n    readonly:\n      enabled: false\n");
    y.append("  redirect:\n    disable: true\n");
    y.append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
    // A fixed secret keeps upload state valid across requests (the registry signs it with this).
    y.append("  secret: ").append(quote(UUID.randomUUID().toString())).append('\n');
    y.append("  headers:\n    X-Content-Type-Options: [nosniff]\n");
    if (tls != null) {
      y.append("  tls:\n    certificate: ").append(quote(tls.chainPemFile().toString()))
          .append("\n    key: ").append(quote(tls.keyPemFile().toString())).append('\n');
    }
    y.append("health:\n  storagedriver:\n    enabled: false\n");
    if (htpasswd != null) {
      y.append("auth:\n  htpasswd:\n    realm: berth-registry\n    path: ").append(quote(htpasswd.toString())).append('\n');
    } else if (tokenServer != null) {
      y.append("auth:\n  token:\n");
      y.append("    realm: ").append(quote(tokenServer.realm())).append('\n');
      y.append("    service: ").append(quote(tokenServer.service())).append('\n');
      y.append("    issuer: ").append(quote(tokenServer.issuer())).append('\n');
      y.append("    rootcertbundle: ").append(quote(tokenServer.rootCertBundleFile().toString())).append('\n');
    }
    if (extraYaml != null && !extraYaml.isBlank()) {
      y.append(extraYaml.endsWith("\n") ? extraYaml : extraYaml + "\n");
    }
    return y.toString();
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
