package dev.berth.testkit;

import java.time.Duration;

/**
 * One misbehaviour a {@link FaultProxy} can inject into a request. Offsets and byte counts are of
 * the body's data (after removing chunked framing); {@code -1} means "half of the body" when its
 * length is known from Content-Length, else 1 byte for truncations and resets and 0 for a flip.
 *
 * @param kind what happens
 * @param status for {@link Kind#STATUS}: the status code answered
 * @param retryAfter for {@link Kind#STATUS}: the Retry-After header in whole seconds, or null for none
 * @param bytes for truncations, resets and flips: the data offset where it happens, or -1
 * @param delay for {@link Kind#DELAY}: how long the request is held before it is forwarded
 */
public record Fault(Kind kind, int status, Duration retryAfter, long bytes, Duration delay) {
  /** The kinds of fault. */
  public enum Kind {
    /** Answer with an error status without contacting the registry (the request body is drained first). */
    STATUS,
    /** Hold the request, then pass it through. */
    DELAY,
    /** Send the response head and the first {@code bytes} of the body, then close the connection (FIN). */
    TRUNCATE_RESPONSE_BODY,
    /** Send the response head and the first {@code bytes} of the body, then reset the connection (RST). */
    RESET_RESPONSE_BODY,
    /**
     * Forward the first {@code bytes} of the request body, then reset the client connection (and
     * close the registry's, which keeps what arrived). A request without a body gets
     * {@link #RESET_RESPONSE_BODY} instead.
     */
    RESET_REQUEST_BODY,
    /** Pass the request to the registry, then reset the client connection instead of answering. */
    RESET_BEFORE_RESPONSE,
    /** Reset the client connection as soon as the request head arrives; the registry sees nothing. */
    RESET_BEFORE_REQUEST,
    /** Pass through, XOR-ing the response body byte at offset {@code bytes} with 0xFF. */
    FLIP_RESPONSE_BYTE
  }

  /** Answer {@code status} (e.g. 500, 502, 503) with a distribution-style JSON error body. */
  public static Fault status(int status) {
    return new Fault(Kind.STATUS, status, null, -1, Duration.ZERO);
  }

  /** Answer {@code status} (429 or 503) with a {@code Retry-After} header of whole seconds. */
  public static Fault status(int status, Duration retryAfter) {
    return new Fault(Kind.STATUS, status, retryAfter, -1, Duration.ZERO);
  }

  /** 429 Too Many Requests with {@code Retry-After}. */
  public static Fault tooManyRequests(Duration retryAfter) {
    return status(429, retryAfter);
  }

  /** 503 Service Unavailable. */
  public static Fault serviceUnavailable() {
    return status(503);
  }

  /** Hold the request for {@code delay} before passing it through. */
  public static Fault delay(Duration delay) {
    return new Fault(Kind.DELAY, 0, null, -1, delay);
  }

  /** Send half the response body, then close the connection (the client sees an early EOF). */
  public static Fault truncateBody() {
    return truncateBody(-1);
  }

  /** Send the first {@code keepBytes} of the response body, then close the connection. */
  public static Fault truncateBody(long keepBytes) {
    return new Fault(Kind.TRUNCATE_RESPONSE_BODY, 0, null, keepBytes, Duration.ZERO);
  }

  /**
   * Reset the connection half-way through a body: the request body if the request has one (an
   * upload; the registry keeps what arrived), else the response body.
   */
  public static Fault resetMidBody() {
    return new Fault(Kind.RESET_REQUEST_BODY, 0, null, -1, Duration.ZERO);
  }

  /** Reset the connection after the first {@code keepBytes} of the response body. */
  public static Fault resetResponseBodyAfter(long keepBytes) {
    return new Fault(Kind.RESET_RESPONSE_BODY, 0, null, keepBytes, Duration.ZERO);
  }

  /** Reset the connection after forwarding the first {@code keepBytes} of the request body. */
  public static Fault resetRequestBodyAfter(long keepBytes) {
    return new Fault(Kind.RESET_REQUEST_BODY, 0, null, keepBytes, Duration.ZERO);
  }

  /** The registry handles the request, but the client's connection is reset instead of answered. */
  public static Fault resetBeforeResponse() {
    return new Fault(Kind.RESET_BEFORE_RESPONSE, 0, null, -1, Duration.ZERO);
  }

  /** Reset the connection as soon as the request head arrives. */
  public static Fault resetBeforeRequest() {
    return new Fault(Kind.RESET_BEFORE_REQUEST, 0, null, -1, Duration.ZERO);
  }

  /** Flip the middle byte of the response body (so a digest check must fail). */
  public static Fault flipByte() {
    return flipByte(-1);
  }

  /** Flip the response body byte at {@code offset}. */
  public static Fault flipByte(long offset) {
    return new Fault(Kind.FLIP_RESPONSE_BYTE, 0, null, offset, Duration.ZERO);
  }
}
