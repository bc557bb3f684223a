package dev.berth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The flags every {@code berth} command accepts, before or after the command name. Picocli sets them
 * on this one instance wherever they appear on the line ({@link ScopeType#INHERIT}).
 */
public final class GlobalOptions {
  @Option(names = "--plain-http", scope = ScopeType.INHERIT,
      description = "Talk HTTP, not HTTPS, to the registries named on this command line (a local registry).")
  boolean plainHttp;

  @Option(names = "--ca-file", paramLabel = "PEM", scope = ScopeType.INHERIT,
      description = "Trust the CA certificates in this PEM file in addition to the system's.")
  Path caFile;

  @Option(names = "--insecure", scope = ScopeType.INHERIT,
      description = "Skip TLS certificate verification (for testing only).")
  boolean insecure;

  @Option(names = {"-u", "--username"}, paramLabel = "USER", scope = ScopeType.INHERIT,
      description = "Registry user name; the password or token is read with --password-stdin.")
  String username;

  @Option(names = "--password-stdin", scope = ScopeType.INHERIT,
      description = "Read the password or token from standard input (one line).")
  boolean passwordStdin;

  @Option(names = "--registry-config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Docker config.json to read credentials from and `berth login` to write"
          + " (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json).")
  Path registryConfig;

  @Option(names = "--chunk-size", paramLabel = "SIZE", scope = ScopeType.INHERIT,
      description = "Upload blobs in chunks of SIZE (4MiB, 512KiB, bytes) instead of one request each:"
          + " a broken connection loses one chunk; ghcr.io accepts chunks of at most 4 MiB.")
  String chunkSize;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log each HTTP exchange to stderr (credentials and tokens redacted).")
  boolean verbose;

  @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
      description = "Give up when the whole command has run this long (e.g. 90s, 10m, 1h; plain numbers are"
          + " seconds). Retries, resumes and redirects count against it. Default: no limit.")
  String timeout;

  /**
   * The {@code --timeout} given, or null.
   *
   * @throws IllegalArgumentException naming the flag when the value is not a positive duration
   */
  public java.time.Duration timeout() {
    if (timeout == null) {
      return null;
    }
    String v = timeout.trim().toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h)?").matcher(v);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException("--timeout " + timeout + ": expected a positive duration such as 90s,"
          + " 10m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> java.time.Duration.ofMillis(n);
      case "m" -> java.time.Duration.ofMinutes(n);
      case "h" -> java.time.Duration.ofHours(n);
      default -> java.time.Duration.ofSeconds(n);
    };
  }

  public boolean plainHttp() {
    return plainHttp;
  }

  public Path caFile() {
    return caFile;
  }

  public boolean insecure() {
    return insecure;
  }

  public String username() {
    return username;
  }

  public boolean passwordStdin() {
    return passwordStdin;
  }

  public Path registryConfig() {
    return registryConfig;
  }

  /** Bytes per upload chunk, or 0 for whole-blob uploads. */
  public long chunkSize() {
    if (chunkSize == null) {
      return 0;
    }
    String t = chunkSize.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    long unit = 1;
    for (String[] u : new String[][] {{"mib", "1048576"}, {"kib", "1024"}, {"m", "1048576"}, {"k", "1024"},
        {"b", "1"}}) {
      if (t.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        t = t.substring(0, t.length() - u[0].length());
        break;
      }
    }
    if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(Character::isDigit) || Long.parseLong(t) == 0) {
      throw new IllegalArgumentException("--chunk-size takes a positive size such as 4MiB, 512KiB or 1048576;"
          + " got " + chunkSize);
    }
    return Long.parseLong(t) * unit;
  }

  public boolean verbose() {
    return verbose;
  }
}
