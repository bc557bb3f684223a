package dev.berth.artifacts.helm.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenPGP clear-signed message (RFC 4880 section 7), split the way Go's {@code clearsign.Decode} (which
 * Helm uses) splits it: lines before the {@code BEGIN PGP SIGNED MESSAGE} line and after the signature
 * block are ignored, so only the signed text counts. No cryptography here: {@code signed} is what the
 * signature must cover, {@code plaintext} what the caller may read.
 *
 * @param hashHeaders the {@code Hash:} armor header values (e.g. {@code SHA512}), possibly empty
 * @param plaintext the signed text, dash-escapes removed, each line followed by {@code \n}
 * @param signed the bytes the signature covers: the same lines without trailing spaces and tabs, joined
 *     by CRLF, without a final line break
 * @param armoredSignature the {@code -----BEGIN PGP SIGNATURE-----} block through its END line
 */
public record ClearSignedText(List<String> hashHeaders, String plaintext, byte[] signed, byte[] armoredSignature) {
  private static final String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
  private static final String END_SIGNATURE = "-----END PGP SIGNATURE-----";

  /**
   * Splits {@code text}.
   *
   * @throws IllegalArgumentException naming what is missing or malformed (the caller names the file)
   */
  public static ClearSignedText parse(byte[] text) {
    List<String> lines = lines(new String(text, StandardCharsets.UTF_8));
    int i = 0;
    while (i < lines.size() && !trimEnd(lines.get(i)).equals(BEGIN_MESSAGE)) {
      i++;
    }
    if (i == lines.size()) {
      throw new IllegalArgumentException("no \"" + BEGIN_MESSAGE + "\" line: not a clear-signed message");
    }
    i++;
    List<String> hashes = new ArrayList<>();
    for (; i < lines.size() && !trimEnd(lines.get(i)).isEmpty(); i++) {
      String h = lines.get(i);
      if (!h.startsWith("Hash:")) {
        throw new IllegalArgumentException("unexpected armor header in the signed message: only Hash: is allowed");
      }
      for (String name : h.substring("Hash:".length()).split(",")) {
        hashes.add(name.trim());
      }
    }
    if (i == lines.size()) {
      throw new IllegalArgumentException("the signed message has no text and no signature");
    }
    i++; // the empty line after the headers
    StringBuilder plain = new StringBuilder();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    boolean first = true;
    for (; i < lines.size() && !lines.get(i).startsWith(BEGIN_SIGNATURE); i++) {
      String line = lines.get(i);
      if (line.startsWith("- ")) {
        line = line.substring(2);
      }
      line = trimEnd(line);
      if (!first) {
        signed.writeBytes(new byte[] {'\r', '\n'});
      }
      first = false;
      signed.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      plain.append(line).append('\n');
    }
    if (i == lines.size()) {
      throw new IllegalArgumentException("no \"" + BEGIN_SIGNATURE + "\" block after the signed text");
    }
    StringBuilder sig = new StringBuilder();
    for (; i < lines.size(); i++) {
      sig.append(lines.get(i)).append('\n');
      if (trimEnd(lines.get(i)).equals(END_SIGNATURE)) {
        return new ClearSignedText(List.copyOf(hashes), plain.toString(), signed.toByteArray(),
            sig.toString().getBytes(StandardCharsets.US_ASCII));
      }
    }
    throw new IllegalArgumentException("the signature block has no \"" + END_SIGNATURE + "\" line");
  }

  /**
   * Writes {@code message} clear-signed: the header, the dash-escaped text and {@code armoredSignature},
   * which must be the signature over {@link #canonical(String)} of it.
   */
  public static byte[] format(String hashName, String message, String armoredSignature) {
    StringBuilder out = new StringBuilder(BEGIN_MESSAGE).append('\n').append("Hash: ").append(hashName)
        .append("\n\n");
    for (String line : lines(message)) {
      out.append(line.startsWith("-") ? "- " : "").append(line).append('\n');
    }
    return out.append(armoredSignature).toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes a clear signature over {@code message} covers (see {@link #signed()}). */
  public static byte[] canonical(String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> lines = lines(message);
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        out.writeBytes(new byte[] {'\r', '\n'});
      }
      out.writeBytes(trimEnd(lines.get(i)).getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** Lines split at LF or CRLF; a final line break does not start another (empty) line. */
  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < s.length()) {
      int nl = s.indexOf('\n', start);
      int end = nl < 0 ? s.length() : nl;
      String line = s.substring(start, end);
      out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = nl < 0 ? s.length() : nl + 1;
    }
    return out;
  }

  private static String trimEnd(String s) {
    int e = s.length();
    while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
      e--;
    }
    return s.substring(0, e);
  }
}
