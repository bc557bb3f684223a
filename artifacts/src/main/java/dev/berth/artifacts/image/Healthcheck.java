package dev.berth.artifacts.image;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An image's health check, as Docker's {@code HEALTHCHECK} stores it in the config ({@code Healthcheck}
 * with {@code Test}, and durations in nanoseconds). Null durations and retries mean "the runtime's
 * default" and are left out.
 *
 * @param test {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]}
 * @param interval time between checks, or null
 * @param timeout how long one check may take, or null
 * @param startPeriod how long the container gets to start, or null
 * @param startInterval time between checks during the start period, or null
 * @param retries failures in a row that make the container unhealthy, or null
 */
public record Healthcheck(List<String> test, @Nullable Duration interval, @Nullable Duration timeout, @Nullable Duration startPeriod,
    @Nullable Duration startInterval, @Nullable Integer retries) {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  /** Checks the test's form. */
  public Healthcheck {
    test = List.copyOf(Objects.requireNonNull(test, "test"));
    if (test.isEmpty() || !List.of("NONE", "CMD", "CMD-SHELL").contains(test.get(0))
        || test.get(0).equals("CMD") && test.size() < 2
        || test.get(0).equals("CMD-SHELL") && test.size() != 2) {
      throw new IllegalArgumentException("a health check test is [NONE], [CMD, args...] or [CMD-SHELL, command]: "
          + test);
    }
    if (retries != null && retries < 0) {
      throw new IllegalArgumentException("health check retries must not be negative: " + retries);
    }
  }

  /** Disables the base's health check ({@code HEALTHCHECK NONE}). */
  public static Healthcheck none() {
    return new Healthcheck(List.of("NONE"), null, null, null, null, null);
  }

  /** A check run by the image's shell ({@code HEALTHCHECK CMD command}, shell form). */
  public static Healthcheck shell(String command) {
    return new Healthcheck(List.of("CMD-SHELL", command), null, null, null, null, null);
  }

  /** A check run directly ({@code HEALTHCHECK CMD ["executable", "arg"]}, exec form). */
  public static Healthcheck exec(List<String> args) {
    List<String> test = new ArrayList<>();
    test.add("CMD");
    test.addAll(args);
    return new Healthcheck(test, null, null, null, null, null);
  }

  /** This check with other timings; null keeps the runtime's default. */
  public Healthcheck withTimings(@Nullable Duration interval, @Nullable Duration timeout, @Nullable Duration startPeriod, @Nullable Duration startInterval,
      @Nullable Integer retries) {
    return new Healthcheck(test, interval, timeout, startPeriod, startInterval, retries);
  }

  /**
   * Parses a duration the way Docker's flags do (Go's syntax): {@code 30s}, {@code 1m30s}, {@code 500ms},
   * {@code 1.5h}.
   *
   * @throws IllegalArgumentException when {@code text} is not such a duration
   */
  public static Duration parseDuration(String text) {
    Objects.requireNonNull(text, "text");
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(text);
    int at = 0;
    double nanos = 0;
    while (at < text.length() && m.find(at) && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "ns" -> 1d;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      at = m.end();
    }
    if (at == 0 || at != text.length()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 30s, 1m30s or 500ms");
    }
    return Duration.ofNanos((long) nanos);
  }
}
