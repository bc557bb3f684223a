package dev.berth.artifacts.helm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A version constraint in the syntax Helm accepts for {@code --version} (Masterminds semver): {@code
 * ||} between alternatives; within one, comparisons separated by commas or spaces, all of which must
 * hold. Comparisons: {@code = != > >= < <=}, tilde {@code ~1.2.3} (same minor), caret {@code ^1.2.3}
 * (same major, or same minor below 1.0), wildcards {@code 1.2.x} / {@code *}, partial versions ({@code
 * 1.2} means {@code 1.2.x}) and hyphen ranges {@code 1.2 - 1.4.5}.
 *
 * <p>Pre-releases as in Masterminds semver v3 (Helm's): a comparison admits a pre-release version only when
 * its own version names a pre-release ({@code >=1.0.0-0}, {@code ^2.0.0-rc.1}; {@code !=} with a full
 * version admits any), so an {@code ||} alternative matches a pre-release only when every comparison in it
 * admits one ({@code >=1.0.0-0 <2.0.0} does not, {@code >=1.0.0-0 <2.0.0-0} does), and one alternative
 * never opens another ({@code ~1.0.0-0 || >=2.0.0} does not match {@code 2.1.0-beta}). Otherwise {@code
 * >=1.0.0} would select {@code 2.0.0-alpha} over {@code 1.9.0}.
 */
public final class SemVerRange {
  private static final Pattern COMPARISON = Pattern.compile(
      "(=|!=|>=|=>|<=|=<|>|<|~>|~|\\^)?\\s*(v?[0-9xX*]+(?:\\.[0-9xX*]+)?(?:\\.[0-9xX*]+)?(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)");
  private static final Pattern HYPHEN = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)");

  /**
   * One bound a comparison expands to. {@code admitsPrerelease} is the comparison's, shared by all its
   * bounds. For {@code "out"}, the version must lie outside {@code [version, ceiling)} ({@code != 1.2.x}).
   */
  private record Bound(String op, SemVer version, @Nullable SemVer ceiling, boolean admitsPrerelease) {
    Bound(String op, SemVer version) {
      this(op, version, null, false);
    }

    Bound admitting(boolean admits) {
      return new Bound(op, version, ceiling, admits);
    }

    boolean test(SemVer v) {
      if (v.prerelease() != null && !admitsPrerelease) {
        return false;
      }
      int c = v.compareTo(version);
      return switch (op) {
        case "=" -> c == 0;
        case "!=" -> c != 0;
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case "out" -> c < 0 || (ceiling != null && v.compareTo(ceiling) >= 0);
        default -> throw new IllegalStateException(op);
      };
    }
  }

  private final String text;
  private final List<List<Bound>> alternatives;

  private SemVerRange(String text, List<List<Bound>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /**
   * Parses a constraint such as {@code ^1.2}, {@code >=1.0.0 <2.0.0}, {@code ~0.3 || 1.x}.
   *
   * @throws IllegalArgumentException naming the part that is not understood
   */
  public static SemVerRange parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("version constraint is empty");
    }
    List<List<Bound>> alternatives = new ArrayList<>();
    for (String alt : text.split("\\|\\|")) {
      String s = alt.trim();
      List<Bound> bounds = new ArrayList<>();
      Matcher h = HYPHEN.matcher(s);
      if (h.matches()) {
        Partial lo = Partial.parse(h.group(1), text);
        Partial hi = Partial.parse(h.group(2), text);
        // As Masterminds rewrites it: ">= LO, <= HI", two comparisons, each admitting pre-releases on its own.
        bounds.add(new Bound(">=", lo.floor()).admitting(lo.prerelease != null));
        hi.upTo(true).forEach(b -> bounds.add(b.admitting(hi.prerelease != null)));
      } else {
        // Operators may be separated from their version by spaces (">= 1.2"): join them first.
        String joined = s.replaceAll("(=|!=|>=|=>|<=|=<|>|<|~>|~|\\^)\\s+", "$1");
        for (String part : joined.split("[,\\s]+")) {
          if (part.isEmpty()) {
            continue;
          }
          Matcher m = COMPARISON.matcher(part);
          if (!m.matches()) {
            throw new IllegalArgumentException("version constraint \"" + text + "\": cannot read \"" + part + "\"");
          }
          Partial p = Partial.parse(m.group(2), text);
          String op = m.group(1) == null ? "=" : m.group(1);
          // Masterminds: a comparison whose version has no pre-release refuses pre-release versions, except
          // "!=" with a full version, which only excludes that version.
          boolean admits = p.prerelease != null || (op.equals("!=") && !p.wild());
          p.bounds(op).forEach(b -> bounds.add(b.admitting(admits)));
        }
      }
      if (bounds.isEmpty()) {
        throw new IllegalArgumentException("version constraint \"" + text + "\" has an empty alternative");
      }
      alternatives.add(bounds);
    }
    return new SemVerRange(text, List.copyOf(alternatives));
  }

  /** Whether {@code version} satisfies this constraint. */
  public boolean test(SemVer version) {
    for (List<Bound> all : alternatives) {
      if (all.stream().allMatch(b -> b.test(version))) {
        return true;
      }
    }
    return false;
  }

  /** The highest of {@code versions} that satisfies this constraint. */
  public Optional<SemVer> highest(Collection<SemVer> versions) {
    return versions.stream().filter(this::test).max(SemVer::compareTo);
  }

  @Override
  public String toString() {
    return text;
  }

  /** A version in a constraint, where minor and patch may be missing or wildcards. */
  private record Partial(BigInteger major, @Nullable BigInteger minor, @Nullable BigInteger patch, @Nullable String prerelease) {
    static Partial parse(String s, String whole) {
      String v = s.startsWith("v") ? s.substring(1) : s;
      String pre = null;
      int plus = v.indexOf('+');
      if (plus >= 0) {
        v = v.substring(0, plus);
      }
      int dash = v.indexOf('-');
      if (dash >= 0) {
        pre = v.substring(dash + 1);
        v = v.substring(0, dash);
      }
      String[] parts = v.split("\\.");
      BigInteger[] n = new BigInteger[3];
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        if (p.equals("x") || p.equals("X") || p.equals("*")) {
          break;
        }
        if (!p.chars().allMatch(Character::isDigit) || p.isEmpty()) {
          throw new IllegalArgumentException("version constraint \"" + whole + "\": \"" + s + "\" is not a version");
        }
        n[i] = new BigInteger(p);
      }
      return new Partial(n[0], n[0] == null ? null : n[1], n[0] == null || n[1] == null ? null : n[2], pre);
    }

    SemVer floor() {
      return version(orZero(major), orZero(minor), orZero(patch), prerelease);
    }

    /** The exclusive upper end of the wildcard: 1.2.x -> 1.3.0, 1.x -> 2.0.0; null when all is wild. */
    @Nullable SemVer wildcardCeiling() {
      if (major == null) {
        return null;
      }
      if (minor == null) {
        return version(major.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, null);
      }
      return patch == null ? version(major, minor.add(BigInteger.ONE), BigInteger.ZERO, null) : null;
    }

    boolean wild() {
      return patch == null;
    }

    List<Bound> upTo(boolean inclusive) {
      SemVer ceiling = wildcardCeiling();
      if (wild()) {
        return ceiling == null ? List.of() : List.of(new Bound("<", ceiling));
      }
      return List.of(new Bound(inclusive ? "<=" : "<", floor()));
    }

    List<Bound> bounds(String op) {
      SemVer floor = floor();
      SemVer ceiling = wildcardCeiling();
      switch (op) {
        case "=":
          if (!wild()) {
            return List.of(new Bound("=", floor));
          }
          return ceiling == null ? List.of(new Bound(">=", floor))
              : List.of(new Bound(">=", floor), new Bound("<", ceiling));
        case "!=":
          if (!wild()) {
            return List.of(new Bound("!=", floor));
          }
          // "!= 1.2.x" excludes the whole wildcard: below its floor or at/above its ceiling ("!= *": all).
          return List.of(new Bound("out", floor, ceiling, false));
        case ">":
          return wild() ? (ceiling == null ? List.of(new Bound("<", floor)) : List.of(new Bound(">=", ceiling)))
              : List.of(new Bound(">", floor));
        case ">=":
        case "=>":
          return List.of(new Bound(">=", floor));
        case "<":
          return List.of(new Bound("<", floor));
        case "<=":
        case "=<":
          return upTo(true);
        case "~":
        case "~>": {
          BigInteger ma = orZero(major);
          SemVer hi = minor == null ? version(ma.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, null)
              : version(ma, minor.add(BigInteger.ONE), BigInteger.ZERO, null);
          return List.of(new Bound(">=", floor), new Bound("<", hi));
        }
        case "^": {
          BigInteger ma = orZero(major);
          SemVer hi;
          if (ma.signum() > 0 || minor == null) {
            hi = version(ma.add(BigInteger.ONE), BigInteger.ZERO, BigInteger.ZERO, null);
          } else if (minor.signum() > 0 || patch == null) {
            hi = version(ma, minor.add(BigInteger.ONE), BigInteger.ZERO, null);
          } else {
            hi = version(ma, minor, patch.add(BigInteger.ONE), null);
          }
          return List.of(new Bound(">=", floor), new Bound("<", hi));
        }
        default:
          throw new IllegalArgumentException("unknown operator " + op);
      }
    }

    private static BigInteger orZero(@Nullable BigInteger b) {
      return b == null ? BigInteger.ZERO : b;
    }

    private static SemVer version(BigInteger ma, BigInteger mi, BigInteger pa, @Nullable String pre) {
      return SemVer.parse("0.0.0").withNumbers(ma, mi, pa, pre);
    }
  }
}
