package dev.berth.artifacts.helm;

import dev.berth.artifacts.archive.StagingDirectory;
import dev.berth.artifacts.helm.ProvenanceException.Reason;
import dev.berth.artifacts.helm.internal.ClearSignedText;
import dev.berth.artifacts.helm.internal.OpenPgpSignatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Signs packaged charts as {@code helm package --sign --key NAME --keyring FILE} does: a clear-signed
 * (SHA-512) provenance file beside the chart, {@code NAME-VERSION.tgz.prov}.
 *
 * <pre>{@code
 * ProvenanceSigner signer = ProvenanceSigner.fromKeyring(Path.of("secring.gpg"), "Chart Signer", null);
 * Path prov = signer.signBeside(Path.of("dist/demo-1.0.0.tgz"));
 * }</pre>
 *
 * <p>Needs BouncyCastle's {@code bcpg-jdk18on} (an optional dependency of this module).
 */
public final class ProvenanceSigner {
  private final Object secretKey; // PGPSecretKey; Object so this class loads without BouncyCastle
  private final char @Nullable [] passphrase;
  private final String keyId;
  private final @Nullable String userId;

  private ProvenanceSigner(Object secretKey, char @Nullable [] passphrase, String keyId, @Nullable String userId) {
    this.secretKey = secretKey;
    this.passphrase = passphrase;
    this.keyId = keyId;
    this.userId = userId;
  }

  /**
   * The signer for the secret key in {@code secretKeyring} whose user id is {@code key}, or contains it
   * (as Helm's {@code --key} matches), or whose fingerprint ends with it (a hex key id).
   *
   * @param passphrase the key's passphrase, or null for an unprotected key (copied; clear your array)
   * @throws ProvenanceException when the keyring cannot be read, holds no such secret key, or more than one
   *     key contains {@code key}
   */
  public static ProvenanceSigner fromKeyring(Path secretKeyring, String key, char @Nullable [] passphrase)
      throws ProvenanceException {
    ProvenanceKeyring ring = ProvenanceKeyring.load(secretKeyring);
    try {
      List<org.bouncycastle.openpgp.PGPSecretKey> found = OpenPgpSignatures.candidates(ring.keys(), key);
      if (found.isEmpty()) {
        throw new ProvenanceException(Reason.UNKNOWN_KEY, "keyring " + secretKeyring + " holds no secret key named \""
            + key + "\"" + (ring.keys().secretRings().isEmpty() ? " (it holds public keys only)" : ""));
      }
      if (found.size() > 1) {
        throw new ProvenanceException(Reason.UNKNOWN_KEY, "more than one key in " + secretKeyring + " contains \""
            + key + "\"; name the key exactly");
      }
      var secret = found.get(0);
      return new ProvenanceSigner(secret, passphrase == null ? null : passphrase.clone(),
          OpenPgpSignatures.keyId(secret.getKeyID()), OpenPgpSignatures.firstUserId(secret.getPublicKey()));
    } catch (NoClassDefFoundError e) {
      throw ProvenanceKeyring.noOpenPgp(e);
    }
  }

  /** The signing key's id, 16 upper-case hex digits. */
  public String keyId() {
    return keyId;
  }

  /** The signing key's first user id, or null. */
  public @Nullable String userId() {
    return userId;
  }

  /** The provenance file's content for {@code chartTgz}, signed now. */
  public byte[] sign(Path chartTgz) throws IOException {
    return sign(chartTgz, Instant.now());
  }

  /** The provenance file's content for {@code chartTgz}, with this signature time. */
  public byte[] sign(Path chartTgz, Instant signedAt) throws IOException {
    String message = ChartProvenance.messageBlock(chartTgz);
    String signature = OpenPgpSignatures.sign(message, (org.bouncycastle.openpgp.PGPSecretKey) secretKey,
        passphrase, signedAt);
    return ClearSignedText.format("SHA512", message, signature);
  }

  /** Writes {@code CHART.tgz.prov} beside {@code chartTgz} (replacing one atomically) and returns its path. */
  public Path signBeside(Path chartTgz) throws IOException {
    byte[] prov = sign(chartTgz);
    Path dir = StagingDirectory.parentOf(chartTgz);
    String name = chartTgz.getFileName() + ".prov";
    try (StagingDirectory staging = StagingDirectory.create(dir)) {
      Files.write(staging.newFile(name), prov);
      staging.commit(true);
    }
    return dir.resolve(name);
  }

  @Override
  public String toString() {
    return "ProvenanceSigner[key=" + keyId + (userId == null ? "" : ", " + userId) + "]"; // never the passphrase
  }

  /** Forgets the passphrase (overwrites the copy this signer holds). */
  public void clearPassphrase() {
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
  }
}
