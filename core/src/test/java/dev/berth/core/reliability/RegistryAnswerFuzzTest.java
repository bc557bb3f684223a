package dev.berth.core.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.RegistryError;
import dev.berth.core.remote.internal.ErrorBodies;
import dev.berth.core.remote.internal.RetryAfter;
import dev.berth.core.remote.internal.UploadRange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The other parts of a registry's answers that berth parses (a resumed upload's {@code Range}, {@code
 * Retry-After}, the {@code errors} body): whatever the registry writes, they return a value, never
 * throw, and never return something that would make the client wait forever or resume from a negative
 * offset.
 */
class RegistryAnswerFuzzTest {
  /**
   * A bound a linear parse of the input meets many times over even on a loaded, shared 2-core machine,
   * and a quadratic one (about 10^12 steps for a megabyte) never does: what is tested is the shape of
   * the cost, not a speed.
   */
  private static final Duration LINEAR_TIME_BOUND = Duration.ofSeconds(30);

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Property(tries = 1000)
  void anyRangeHeaderGivesANonNegativeCount(@ForAll("rangeLike") String header) {
    UploadRange range = UploadRange.parse(header);
    assertTrue(range.received() >= 0, header + " -> " + range);
  }

  @Property(tries = 1000)
  void anyRetryAfterGivesANonNegativeWaitOrNone(@ForAll("retryAfterLike") String header) {
    Optional<Duration> wait = RetryAfter.parse(header, CLOCK);
    assertNotNull(wait);
    wait.ifPresent(d -> assertFalse(d.isNegative(), header + " -> " + d));
  }

  @Property(tries = 1000)
  void anyErrorBodyParsesToEntriesWithACode(@ForAll("errorBodyLike") String body) {
    List<RegistryError> errors = ErrorBodies.parse(body.getBytes(StandardCharsets.UTF_8));
    for (RegistryError e : errors) {
      assertNotNull(e.code());
      assertNotNull(e.message());
    }
  }

  @Test
  void aDeeplyNestedErrorBodyWithinTheCapParsesQuickly() {
    byte[] nested = ("{\"errors\":" + "[".repeat(8000)).getBytes(StandardCharsets.UTF_8);
    assertTimeoutPreemptively(LINEAR_TIME_BOUND, () -> ErrorBodies.parse(nested));
  }

  @Provide
  Arbitrary<String> rangeLike() {
    Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.longs().map(Object::toString),
        Arbitraries.of("9223372036854775807", "9223372036854775808", "-1", "0", "", " ", "x", "1e3"));
    return Arbitraries.oneOf(
        number.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("-", l)),
        number.list().ofMinSize(1).ofMaxSize(3).map(l -> "bytes=" + String.join("-", l)),
        Arbitraries.strings().ofMaxLength(30));
  }

  @Provide
  Arbitrary<String> retryAfterLike() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Object::toString),
        Arbitraries.strings().numeric().ofMaxLength(40),
        Arbitraries.of("Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 31 Feb 2020 00:00:00 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT", "-5", "1.5", "\u0663", "+10", ""),
        Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> errorBodyLike() {
    Arbitrary<String> value = Arbitraries.of("\"X\"", "null", "1", "[]", "{}", "true", "\"\"", "{\"a\":[1,{}]}");
    Arbitrary<String> entry = Arbitraries.oneOf(value,
        Arbitraries.of("code", "message", "detail", "other").list().ofMaxSize(4)
            .flatMap(keys -> value.list().ofSize(keys.size()).map(vals -> {
              StringBuilder sb = new StringBuilder("{");
              for (int i = 0; i < keys.size(); i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(keys.get(i)).append("\":").append(vals.get(i));
              }
              return sb.append('}').toString();
            })));
    return Arbitraries.oneOf(
        entry.list().ofMaxSize(4).map(l -> "{\"errors\":[" + String.join(",", l) + "]}"),
        value.map(v -> "{\"errors\":" + v + "}"),
        Arbitraries.strings().ofMaxLength(60));
  }
}
