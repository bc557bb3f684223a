package dev.berth.artifacts.helm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.artifacts.helm.ProvenanceException.Reason;
import dev.berth.artifacts.helm.internal.ClearSignedText;
import dev.berth.artifacts.helm.internal.HelmJson;
import dev.berth.artifacts.helm.internal.OpenPgpSignatures;
import dev.berth.core.content.LocalFiles;
import dev.berth.core.remote.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Helm provenance files ({@code NAME-VERSION.tgz.prov}), as Helm's {@code pkg/provenance} writes and checks
 * them: an OpenPGP clear-signed message whose text is the chart's metadata as YAML, a {@code ...} line,
 * and a YAML {@code files:} map from the chart's file name to {@code sha256:HEX}.
 *
 * <p>{@link #verify} checks what {@code helm verify} checks: the signature is valid and made by a key in
 * the keyring (see {@link ProvenanceKeyring}; revoked, expired or non-signing keys are refused), and the signed
 * {@code files:} section lists the chart's file name with its SHA-256. Only the signed text is read;
 * anything before or after the clear-signed block is ignored. The metadata part is not compared with the
 * chart's Chart.yaml (Helm does not compare it either).
 *
 * <p>Needs BouncyCastle's {@code bcpg-jdk18on} (an optional dependency of this module).
 */
public final class ChartProvenance {
  /** The largest provenance file read: Chart.yaml's own cap (5 MiB) and room for the signature. */
  public static final long MAX_PROVENANCE_BYTES = ChartArchive.MAX_CHART_YAML_BYTES + (1L << 20);

  private static final ObjectMapper STRICT_YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper METADATA_YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private ChartProvenance() {}

  /** Verifies {@code chartTgz} against the provenance file {@code provFile}, under the chart's own file name. */
  public static ProvenanceVerification verify(Path chartTgz, Path provFile, ProvenanceKeyring keyring)
      throws IOException {
    byte[] prov;
    try {
      prov = LocalFiles.readRegularFile(provFile, MAX_PROVENANCE_BYTES);
    } catch (dev.berth.core.SizeLimitExceededException e) {
      throw new ProvenanceException(Reason.MALFORMED, provFile + " is larger than " + MAX_PROVENANCE_BYTES
          + " bytes; a provenance file is a few KiB", e);
    }
    return verify(chartTgz, chartTgz.getFileName().toString(), prov, provFile.toString(), keyring);
  }

  /**
   * Verifies {@code chartTgz}, which the signed {@code files:} section must list as {@code fileName}, against
   * the provenance {@code prov} (named {@code what} in messages).
   *
   * @throws ProvenanceException saying which check failed: {@link Reason#MALFORMED}, {@link
   *     Reason#BAD_SIGNATURE}, {@link Reason#UNKNOWN_KEY} (naming the key id), {@link Reason#KEY_NOT_VALID},
   *     {@link Reason#DIGEST_MISMATCH} (naming both digests), {@link Reason#NO_OPENPGP}
   */
  public static ProvenanceVerification verify(Path chartTgz, String fileName, byte[] prov, String what,
      ProvenanceKeyring keyring) throws IOException {
    if (prov.length > MAX_PROVENANCE_BYTES) {
      throw new ProvenanceException(Reason.MALFORMED, what + " is larger than " + MAX_PROVENANCE_BYTES
          + " bytes; a provenance file is a few KiB");
    }
    ClearSignedText message;
    try {
      message = ClearSignedText.parse(prov);
    } catch (IllegalArgumentException e) {
      throw new ProvenanceException(Reason.MALFORMED, what + ": " + e.getMessage(), e);
    }
    ProvenanceVerification signer;
    try {
      signer = OpenPgpSignatures.verify(message, keyring.keys(), what, Instant.now());
    } catch (NoClassDefFoundError e) {
      throw ProvenanceKeyring.noOpenPgp(e);
    }
    String listed = listedDigest(message.plaintext(), fileName, what);
    String actual = "sha256:" + sha256(chartTgz);
    if (!listed.equals(actual)) {
      throw new ProvenanceException(Reason.DIGEST_MISMATCH, what + " (signed by key " + signer.keyId() + ") lists "
          + Redaction.printable(listed) + " for " + fileName + ", but the chart's digest is " + actual);
    }
    return new ProvenanceVerification(signer.keyId(), signer.fingerprint(), signer.userId(), signer.signedAt(),
        fileName, actual);
  }

  /**
   * The text Helm signs for {@code chartTgz}: its metadata as YAML (keys sorted, as Helm's {@code
   * yaml.Marshal} writes them), a {@code ...} line, and {@code files:} with the chart's file name and
   * SHA-256.
   */
  public static String messageBlock(Path chartTgz) throws IOException {
    ChartMetadata meta = ChartArchive.readMetadata(chartTgz);
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = HelmJson.JSON.readValue(meta.toConfigJson(), LinkedHashMap.class);
    String yaml = METADATA_YAML.writeValueAsString(fields);
    return yaml + "\n...\nfiles:\n  " + chartTgz.getFileName() + ": sha256:" + sha256(chartTgz) + "\n";
  }

  /** The {@code sha256:} entry of the signed {@code files:} section for {@code fileName}. */
  private static String listedDigest(String plaintext, String fileName, String what) throws ProvenanceException {
    // As Helm's parseMessageBlock: the part after the first "\n...\n" (and before a second one) is the sums.
    String[] parts = plaintext.split("\n\\.\\.\\.\n", -1);
    if (parts.length < 2) {
      throw new ProvenanceException(Reason.MALFORMED, what + ": the signed text has no \"...\" line before its"
          + " files: section");
    }
    JsonNode files;
    try {
      JsonNode sums = STRICT_YAML.readTree(parts[1]);
      files = sums == null ? null : sums.get("files");
    } catch (IOException e) {
      throw new ProvenanceException(Reason.MALFORMED, what + ": the signed files: section is not valid YAML: "
          + Redaction.printable(HelmJson.message(e)), e);
    }
    if (files == null || !files.isObject()) {
      throw new ProvenanceException(Reason.MALFORMED, what + ": the signed text has no files: map");
    }
    JsonNode entry = files.get(fileName);
    if (entry == null || !entry.isTextual()) {
      throw new ProvenanceException(Reason.DIGEST_MISMATCH, what + ": the signed files: section does not list "
          + fileName + " (it lists " + Redaction.printable(String.join(", ", iterable(files))) + ")");
    }
    return entry.asText();
  }

  private static Iterable<String> iterable(JsonNode files) {
    java.util.List<String> names = new java.util.ArrayList<>();
    files.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = LocalFiles.openRegularFile(file)) {
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
