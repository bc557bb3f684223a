package dev.berth.testkit;

import java.util.Random;

/**
 * When a {@link FaultProxy} injects a {@link Fault}: the requests it matches, after how many
 * matching requests pass untouched, at what rate, and how many times at most.
 *
 * <pre>{@code
 * proxy.add(FaultRule.when(RequestMatcher.method("PATCH")).then(Fault.resetMidBody()).times(1));
 * proxy.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(Fault.serviceUnavailable()).rate(0.1));
 * }</pre>
 *
 * <p>Rules are thread-safe; the rate draws from the proxy's seeded {@link Random}.
 */
public final class FaultRule {
  private final RequestMatcher matcher;
  private final Fault fault;
  private long skip;
  private long remaining = Long.MAX_VALUE;
  private double rate = 1.0;
  private long matched;
  private long fired;

  private FaultRule(RequestMatcher matcher, Fault fault) {
    this.matcher = matcher;
    this.fault = fault;
  }

  /** Starts a rule for the requests {@code matcher} accepts; finish it with {@link Stage#then}. */
  public static Stage when(RequestMatcher matcher) {
    return fault -> new FaultRule(matcher, fault);
  }

  /** The second half of {@link #when}. */
  @FunctionalInterface
  public interface Stage {
    /** The fault to inject; by default into every matching request. */
    FaultRule then(Fault fault);
  }

  /** Inject at most {@code n} times, then let requests through. */
  public synchronized FaultRule times(long n) {
    this.remaining = n;
    return this;
  }

  /** Let the first {@code n} matching requests through before injecting. */
  public synchronized FaultRule afterSkipping(long n) {
    this.skip = n;
    return this;
  }

  /** Inject into each (eligible) matching request with probability {@code probability}. */
  public synchronized FaultRule rate(double probability) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("rate must be in [0, 1]: " + probability);
    }
    this.rate = probability;
    return this;
  }

  /** The fault this rule injects. */
  public Fault fault() {
    return fault;
  }

  /** How many requests matched so far. */
  public synchronized long matched() {
    return matched;
  }

  /** How many times the fault was injected so far. */
  public synchronized long fired() {
    return fired;
  }

  synchronized boolean tryFire(String method, String target, Random random) {
    if (!matcher.matches(method, target)) {
      return false;
    }
    matched++;
    if (matched <= skip || remaining <= 0) {
      return false;
    }
    if (rate < 1.0 && random.nextDouble() >= rate) {
      return false;
    }
    remaining--;
    fired++;
    return true;
  }

  @Override
  public synchronized String toString() {
    return "FaultRule[" + fault.kind() + ", fired " + fired + " of " + matched + " matched]";
  }
}
