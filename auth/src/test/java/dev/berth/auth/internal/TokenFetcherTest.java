package dev.berth.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenFetcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant SENT = Instant.parse("2030-01-01T12:00:00Z");

  @ParameterizedTest(name = "{0} expires {1} s after it was asked for")
  @CsvSource(delimiter = '|', value = {
      "{}                                                           | 60",
      "{\"expires_in\":0}                                           | 60",
      "{\"expires_in\":300}                                         | 300",
      "{\"expires_in\":\"300\"}                                     | 60",
      // the server's clock 10 s behind: the token dies 10 s earlier by ours
      "{\"expires_in\":300,\"issued_at\":\"2030-01-01T11:59:50Z\"}  | 290",
      "{\"expires_in\":300,\"issued_at\":\"2030-01-01T12:59:50+01:00\"} | 290",
      // the server's clock an hour behind: issued_at is not believed, or every token would be stale
      "{\"expires_in\":300,\"issued_at\":\"2030-01-01T11:00:00Z\"}  | 300",
      // the server's clock ahead: never extend past our own count
      "{\"expires_in\":300,\"issued_at\":\"2030-01-01T12:00:30Z\"}  | 300",
      "{\"expires_in\":300,\"issued_at\":\"yesterday\"}             | 300",
  })
  void tokenLifetimeHonoursExpiresInAndIssuedAt(String body, long seconds) throws Exception {
    assertEquals(SENT.plusSeconds(seconds), TokenFetcher.expiry(JSON.readTree(body), SENT));
  }
}
