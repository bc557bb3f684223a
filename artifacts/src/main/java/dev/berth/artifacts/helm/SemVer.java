package dev.berth.artifacts.helm;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A semantic version (semver.org 2.0.0) as Helm reads chart versions: {@link #parse} is lenient like
 * Masterminds' {@code NewVersion} (optional {@code v}, missing minor or patch taken as 0), {@link
 * #parseStrict} accepts exactly {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]} like {@code StrictNewVersion},
 * which Helm uses for registry tags. Ordering follows semver precedence; build metadata is ignored by
 * {@link #compareTo} but kept by {@link #toString()}.
 */
public final class SemVer implements Comparable<SemVer> {
  private static final String IDENT = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
  private static final Pattern LENIENT = Pattern.compile(
      "v?(0|[1-9][0-9]*)(?:\\.(0|[1-9][0-9]*))?(?:\\.(0|[1-9][0-9]*))?(?:-(" + IDENT + "))?(?:\\+(" + IDENT + "))?");
  private static final Pattern STRICT = Pattern.compile(
      "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(?:-(" + IDENT + "))?(?:\\+(" + IDENT + "))?");

  private final BigInteger major;
  private final BigInteger minor;
  private final BigInteger patch;
  private final @Nullable String prerelease;
  private final @Nullable String build;
  private final String original;

  private SemVer(BigInteger major, BigInteger minor, BigInteger patch, @Nullable String prerelease, @Nullable String build, String original) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.prerelease = prerelease;
    this.build = build;
    this.original = original;
  }

  /**
   * Parses leniently: {@code v1.2}, {@code 1}, {@code 1.2.3-rc.1+meta}.
   *
   * @throws IllegalArgumentException when the text is not a version
   */
  public static SemVer parse(String text) {
    return parse(text, LENIENT);
  }

  /**
   * Parses exactly {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}.
   *
   * @throws IllegalArgumentException when the text is not such a version
   */
  public static SemVer parseStrict(String text) {
    return parse(text, STRICT);
  }

  /** Whether {@link #parse} accepts {@code text}. */
  public static boolean isValid(String text) {
    return text != null && LENIENT.matcher(text).matches() && validPrerelease(LENIENT.matcher(text));
  }

  private static SemVer parse(String text, Pattern p) {
    Objects.requireNonNull(text, "version");
    Matcher m = p.matcher(text);
    if (!m.matches() || !validPrerelease(m)) {
      throw new IllegalArgumentException("\"" + text + "\" is not a semantic version");
    }
    return new SemVer(new BigInteger(m.group(1)), number(m.group(2)), number(m.group(3)), m.group(4), m.group(5), text);
  }

  /** semver 2.0.0 §9: numeric pre-release identifiers must not have leading zeros. */
  private static boolean validPrerelease(Matcher m) {
    if (!m.matches() || m.group(4) == null) {
      return m.matches();
    }
    for (String id : m.group(4).split("\\.")) {
      if (id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }

  private static BigInteger number(String s) {
    return s == null ? BigInteger.ZERO : new BigInteger(s);
  }

  /** The major version. */
  public BigInteger major() {
    return major;
  }

  /** The minor version; 0 when a lenient parse found none. */
  public BigInteger minor() {
    return minor;
  }

  /** The patch version; 0 when a lenient parse found none. */
  public BigInteger patch() {
    return patch;
  }

  /** The pre-release part after {@code -}, or null. */
  public @Nullable String prerelease() {
    return prerelease;
  }

  /** The build metadata after {@code +}, or null. */
  public @Nullable String build() {
    return build;
  }

  /** The text this was parsed from. */
  public String original() {
    return original;
  }

  SemVer withNumbers(BigInteger ma, BigInteger mi, BigInteger pa, @Nullable String pre) {
    String text = ma + "." + mi + "." + pa + (pre == null ? "" : "-" + pre);
    return new SemVer(ma, mi, pa, pre, null, text);
  }

  @Override
  public int compareTo(SemVer o) {
    int c = major.compareTo(o.major);
    if (c == 0) {
      c = minor.compareTo(o.minor);
    }
    if (c == 0) {
      c = patch.compareTo(o.patch);
    }
    return c != 0 ? c : comparePrerelease(prerelease, o.prerelease);
  }

  private static int comparePrerelease(@Nullable String a, @Nullable String b) {
    if (a == null || b == null) {
      // A release ranks above any of its pre-releases.
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    List<String> x = List.of(a.split("\\."));
    List<String> y = List.of(b.split("\\."));
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      String p = x.get(i);
      String q = y.get(i);
      boolean pn = p.chars().allMatch(Character::isDigit);
      boolean qn = q.chars().allMatch(Character::isDigit);
      int c;
      if (pn && qn) {
        c = new BigInteger(p).compareTo(new BigInteger(q));
      } else if (pn || qn) {
        c = pn ? -1 : 1; // numeric identifiers rank below alphanumeric ones
      } else {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  /** Equal precedence and equal build metadata. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SemVer v && compareTo(v) == 0 && Objects.equals(build, v.build);
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, prerelease, build);
  }

  /** {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}, normalised (no {@code v}, missing parts as 0). */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (prerelease == null ? "" : "-" + prerelease)
        + (build == null ? "" : "+" + build);
  }
}
