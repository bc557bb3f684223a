package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.AccessDeniedException;
import dev.berth.core.MediaTypes;
import dev.berth.core.RateLimitedException;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.content.Contents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One retry decision per request, within the policy's attempts and wait budget, whatever the server
 * says: requests are counted and waits recorded by an injected sleeper, never slept.
 */
class RetryBudgetTest {
  private final MockRegistry registry;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  RetryBudgetTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  /** Every request gets {@code answer}. */
  private void always(MockResponse answer) {
    registry.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        return answer;
      }
    });
  }

  private Repository repository(RetryPolicy policy) {
    return registry.clientBuilder().retryPolicy(policy.withSleeper(sleeps::add)).build()
        .repository(registry.host() + "/team/app");
  }

  private static MockResponse status(int code, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body("");
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  @Test
  void pushBytesAgainstARegistryThatAlwaysAnswers503MakesAsManyRequestsAsThePolicyAttempts() {
    always(status(503));

    RegistryErrorException e = assertThrows(RegistryErrorException.class, () -> Contents.pushBytes(
        repository(RetryPolicy.defaults()), MediaTypes.OCI_LAYER_TAR, "x".getBytes(StandardCharsets.UTF_8)));

    assertEquals(503, e.status());
    assertEquals(5, requests.get(), "one retry decision per request, not interceptor x transfer x upload");
    assertEquals(4, sleeps.size());
  }

  @Test
  void noRetriesMeansOneRequestAndNoWait() {
    always(status(503));

    assertThrows(RegistryErrorException.class, () -> Contents.pushBytes(repository(RetryPolicy.none()),
        MediaTypes.OCI_LAYER_TAR, "x".getBytes(StandardCharsets.UTF_8)));

    assertEquals(1, requests.get());
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aRetryAfterLongerThanTheCapIsNotWaitedFor() {
    always(status(503, "Retry-After", "60"));

    assertThrows(RegistryErrorException.class, () -> repository(RetryPolicy.defaults()).resolve("v1"));

    assertEquals(1, requests.get());
    assertEquals(List.of(), sleeps);
  }

  @Test
  void theWaitsOfOneRequestStayWithinTheTotalBudget() {
    always(status(503, "Retry-After", "25"));

    assertThrows(RegistryErrorException.class, () -> repository(RetryPolicy.defaults()).resolve("v1"));

    // 25 + 25 = 50 s fit in the default 60 s budget; a third wait would not.
    assertEquals(List.of(Duration.ofSeconds(25), Duration.ofSeconds(25)), sleeps);
    assertEquals(3, requests.get());
  }

  @Test
  void aRetryAfterTooLargeForAnyNumberTypeEndsAsTheRegistrysAnswer() {
    for (String huge : List.of("2147483648", "99999999999999999999999999")) {
      requests.set(0);
      always(status(503, "Retry-After", huge));

      RegistryErrorException e = assertThrows(RegistryErrorException.class,
          () -> repository(RetryPolicy.defaults()).resolve("v1"), huge);

      assertEquals(503, e.status());
      assertEquals(1, requests.get(), huge);
    }
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aGarbageRetryAfterFallsBackToTheBackoffAndAnHttpDateIsHonoured() {
    always(status(503, "Retry-After", "soon, maybe"));
    assertThrows(RegistryErrorException.class,
        () -> repository(RetryPolicy.defaults().withMaxAttempts(2)).resolve("v1"));
    assertEquals(1, sleeps.size());
    assertTrue(sleeps.get(0).compareTo(Duration.ofSeconds(1)) < 0, sleeps.toString());

    sleeps.clear();
    String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusHours(1));
    always(status(503, "Retry-After", inAnHour));
    assertThrows(RegistryErrorException.class, () -> repository(RetryPolicy.defaults()).resolve("v1"));
    assertEquals(List.of(), sleeps, "an hour is past the cap: not waited for");
  }

  @Test
  void githubsHeaderlessSecondaryRateLimit403WaitsGithubsMinuteSoIsNotRetriedWithinTheCapAndIsNotDenied() {
    always(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
        .body("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try"
            + " again.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits\"}")
        .build());

    IOException e = assertThrows(IOException.class, () -> repository(RetryPolicy.defaults()).fetchManifest("v1"));

    assertInstanceOf(RateLimitedException.class, e, e.toString());
    assertFalse(e instanceof AccessDeniedException);
    assertTrue(e.getMessage().contains("rate limited by " + registry.host()), e.getMessage());
    // GitHub: without retry-after or x-ratelimit-reset, wait at least a minute. That is past the 30 s
    // cap, so no quick retries hammer a limit that punishes them: one request, then the asked wait.
    assertEquals(Duration.ofMinutes(1), ((RateLimitedException) e).retryAfter());
    assertEquals(List.of(), sleeps);
    assertEquals(1, requests.get());
  }

  @Test
  void a429WithRetryAfterIsRetriedWithinTheCapsThenReportedWithTheAskedWait() {
    always(status(429, "Retry-After", "20"));

    RateLimitedException e = assertThrows(RateLimitedException.class,
        () -> repository(RetryPolicy.defaults()).resolve("v1"));

    assertEquals(Duration.ofSeconds(20), e.retryAfter());
    assertTrue(e.getMessage().contains("asks to wait 20 s"), e.getMessage());
    assertEquals(List.of(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20)), sleeps);
    assertEquals(4, requests.get());
  }
}
