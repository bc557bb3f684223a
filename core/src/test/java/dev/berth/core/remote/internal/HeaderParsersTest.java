package dev.berth.core.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderParsersTest {
  @Test
  void uploadRangeAcceptsBytesPrefixAndFlagsTheAmbiguousZeroZero() {
    assertEquals(new UploadRange(4096, false), UploadRange.parse("0-4095"));
    assertEquals(new UploadRange(4096, false), UploadRange.parse("bytes=0-4095"));
    assertEquals(new UploadRange(0, true), UploadRange.parse("0-0"));
    assertEquals(new UploadRange(0, false), UploadRange.parse(null));
    assertEquals(new UploadRange(0, false), UploadRange.parse("10-20"));
    assertEquals(new UploadRange(0, false), UploadRange.parse("nonsense"));
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", clock));
    assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Wed, 01 May 2024 12:00:30 GMT", clock));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 01 May 2024 11:00:00 GMT", clock));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
    assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
    assertTrue(RetryAfter.parse("99999999999999999999999", clock).get().toDays() > 365);
  }

  @Test
  void warningHeaderYields299TextsOnly() {
    assertEquals(List.of("deprecated, use v2"),
        WarningInterceptor.parse("299 - \"deprecated, use v2\""));
    assertEquals(List.of("a \"quoted\" word", "second"),
        WarningInterceptor.parse("299 registry.example \"a \\\"quoted\\\" word\" \"Wed, 01 May 2024 12:00:00 GMT\", "
            + "110 - \"stale\", 299 - \"second\""));
    assertEquals(List.of(), WarningInterceptor.parse("no warning here"));
  }

  @Test
  void errorBodiesAreParsedLeniently() {
    var errors = ErrorBodies.parse(("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\",\"detail\":{\"a\":1}},"
        + "{\"message\":\"codeless\"},7]}").getBytes());
    assertEquals(2, errors.size());
    assertEquals("DENIED", errors.get(0).code());
    assertEquals("{\"a\":1}", errors.get(0).detail());
    assertEquals("UNKNOWN", errors.get(1).code());
    assertEquals(List.of(), ErrorBodies.parse("<html>".getBytes()));
    assertEquals(List.of(), ErrorBodies.parse("{\"errors\":\"x\"}".getBytes()));
  }
}
