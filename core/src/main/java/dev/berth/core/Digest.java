package dev.berth.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A content digest such as {@code sha256:2c26b46b...}, as defined by the OCI image-spec
 * (descriptor.md, "Digests").
 *
 * <p>The grammar is {@code algorithm ":" encoded} where {@code algorithm} is one or more lower-case
 * components joined by {@code + . _ -} and {@code encoded} is {@code [a-zA-Z0-9=_-]+}. The registered
 * algorithms {@code sha256} and {@code sha512} are checked strictly (lower-case hex of the right length)
 * and can be computed and verified. Any other algorithm that fits the grammar is carried so that
 * manifests using it can be passed along, but {@link #isVerifiable()} is false and {@link
 * #newMessageDigest()} throws, saying so.
 *
 * <p>Instances are immutable values; {@link #toString()} returns the canonical form that {@link
 * #parse(String)} accepts.
 */
public final class Digest implements Comparable<Digest> {
  /** The algorithm every registry supports and berth uses by default. */
  public static final String SHA256 = "sha256";
  /** The other registered algorithm. */
  public static final String SHA512 = "sha512";

  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
  private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");

  private final String algorithm;
  private final String encoded;

  private Digest(String algorithm, String encoded) {
    this.algorithm = algorithm;
    this.encoded = encoded;
  }

  /**
   * Parses {@code algorithm:encoded}.
   *
   * @throws IllegalArgumentException naming the bad part when the text is not a valid digest
   */
  @JsonCreator
  public static Digest parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("digest is empty");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("digest \"" + shorten(text) + "\" has no ':' between algorithm and hex");
    }
    return of(text.substring(0, colon), text.substring(colon + 1));
  }

  /**
   * Builds a digest from its two parts.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public static Digest of(String algorithm, String encoded) {
    if (algorithm == null || encoded == null) {
      throw new IllegalArgumentException("digest " + (algorithm == null ? "algorithm" : "encoded part") + " is missing");
    }
    if (!ALGORITHM.matcher(algorithm).matches()) {
      throw new IllegalArgumentException("digest algorithm \"" + shorten(algorithm) + "\" is not valid"
          + " (lower-case letters and digits, separated by + . _ -)");
    }
    if (encoded.isEmpty() || !ENCODED.matcher(encoded).matches()) {
      throw new IllegalArgumentException("digest " + algorithm + " has an invalid encoded part \""
          + shorten(encoded) + "\"");
    }
    int expectedHexLength = hexLength(algorithm);
    if (expectedHexLength > 0) {
      if (!LOWER_HEX.matcher(encoded).matches()) {
        throw new IllegalArgumentException("digest " + algorithm + " must be lower-case hex, got \""
            + shorten(encoded) + "\"");
      }
      if (encoded.length() != expectedHexLength) {
        throw new IllegalArgumentException("digest " + algorithm + " must have " + expectedHexLength
            + " hex characters, got " + encoded.length());
      }
    }
    return new Digest(algorithm, encoded);
  }

  /** The sha256 digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return compute(SHA256, bytes, 0, bytes.length);
  }

  /** The digest of a byte range with a registered algorithm ({@code sha256} or {@code sha512}). */
  public static Digest compute(String algorithm, byte[] bytes, int offset, int length) {
    MessageDigest md = messageDigest(algorithm);
    md.update(bytes, offset, length);
    return fromMessageDigest(algorithm, md);
  }

  /** Completes {@code md} (which must implement {@code algorithm}) into a digest. */
  public static Digest fromMessageDigest(String algorithm, MessageDigest md) {
    return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
  }

  /**
   * The digest of what {@code md} has hashed so far, leaving {@code md} able to hash more: for
   * reporting a running digest while bytes still stream.
   */
  public static Digest snapshot(String algorithm, MessageDigest md) {
    try {
      return fromMessageDigest(algorithm, (MessageDigest) md.clone());
    } catch (CloneNotSupportedException e) {
      // The JDK's SHA-2 implementations are cloneable; a provider whose are not cannot be used here.
      throw new IllegalStateException("MessageDigest " + md.getAlgorithm() + " cannot be cloned", e);
    }
  }

  /** The algorithm, e.g. {@code sha256}. */
  public String algorithm() {
    return algorithm;
  }

  /** The encoded part; lower-case hex for the registered algorithms. */
  public String hex() {
    return encoded;
  }

  /** Whether berth can compute this algorithm and so verify content against this digest. */
  public boolean isVerifiable() {
    return hexLength(algorithm) > 0;
  }

  /**
   * A fresh {@link MessageDigest} for this digest's algorithm.
   *
   * @throws UnsupportedOperationException when the algorithm is carried but not computable
   */
  public MessageDigest newMessageDigest() {
    return messageDigest(algorithm);
  }

  /** Whether {@code bytes} hash to this digest. */
  public boolean matches(byte[] bytes) {
    return equals(compute(algorithm, bytes, 0, bytes.length));
  }

  /** {@code algorithm-hex}, the form of the referrers fallback tag (distribution-spec v1.1). */
  public String toTagForm() {
    return algorithm + "-" + encoded;
  }

  @JsonValue
  @Override
  public String toString() {
    return algorithm + ":" + encoded;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Digest d && d.algorithm.equals(algorithm) && d.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + encoded.hashCode();
  }

  @Override
  public int compareTo(Digest o) {
    return toString().compareTo(o.toString());
  }

  private static int hexLength(String algorithm) {
    return switch (algorithm) {
      case SHA256 -> 64;
      case SHA512 -> 128;
      default -> -1;
    };
  }

  /**
   * A fresh {@link MessageDigest} for a registered algorithm ({@code sha256} or {@code sha512}).
   *
   * @throws UnsupportedOperationException for any other algorithm, saying that berth cannot compute it
   */
  public static MessageDigest messageDigest(String algorithm) {
    String jdkName = switch (algorithm) {
      case SHA256 -> "SHA-256";
      case SHA512 -> "SHA-512";
      default -> throw new UnsupportedOperationException("digest algorithm \"" + algorithm
          + "\" cannot be verified: berth computes sha256 and sha512 only");
    };
    try {
      return MessageDigest.getInstance(jdkName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jdkName, e);
    }
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
