package dev.berth.artifacts.helm.internal;

import dev.berth.artifacts.helm.ProvenanceException.Reason;
import dev.berth.artifacts.helm.ProvenanceException;
import dev.berth.artifacts.helm.ProvenanceVerification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;

/**
 * Clear signatures over a provenance message, made and checked with BouncyCastle's OpenPGP code. The
 * checks follow what Helm's verification (ProtonMail go-crypto's {@code CheckDetachedSignature}) does: the
 * signature is a binary or text signature by a key in the keyring, with a hash no weaker than SHA-224
 * and named by the message's {@code Hash:} header; neither the signing key nor its primary key is
 * revoked or expired now; a signing subkey carries a valid binding signature from its primary key; the
 * signing key's own key flags, when it has any, allow signing data.
 */
public final class OpenPgpSignatures {
  private OpenPgpSignatures() {}

  /** Checks {@code message}'s signature against {@code keys}; {@code what} names the provenance file. */
  public static ProvenanceVerification verify(ClearSignedText message, OpenPgpKeys keys, String what, Instant now)
      throws ProvenanceException {
    PGPSignature sig = readSignature(message.armoredSignature(), what);
    if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT
        && sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      throw new ProvenanceException(Reason.BAD_SIGNATURE, what + ": the signature is of type "
          + sig.getSignatureType() + ", not a document signature");
    }
    String hash = hashName(sig.getHashAlgorithm());
    if (sig.getHashAlgorithm() == HashAlgorithmTags.MD5 || sig.getHashAlgorithm() == HashAlgorithmTags.SHA1
        || sig.getHashAlgorithm() == HashAlgorithmTags.RIPEMD160) {
      throw new ProvenanceException(Reason.BAD_SIGNATURE, what + ": the signature uses " + hash
          + ", which is too weak to trust");
    }
    if (message.hashHeaders().stream().noneMatch(h -> normalise(h).equals(normalise(hash)))) {
      throw new ProvenanceException(Reason.BAD_SIGNATURE, what + ": the signature uses " + hash
          + " but the message's Hash: header says " + message.hashHeaders());
    }
    long keyId = issuer(sig);
    String id = keyId(keyId);
    PGPPublicKeyRing ring = keys.ringOf(keyId);
    if (ring == null) {
      throw new ProvenanceException(Reason.UNKNOWN_KEY, what + " is signed by key " + id
          + ", which is not in the keyring");
    }
    PGPPublicKey key = ring.getPublicKey(keyId);
    PGPPublicKey primary = ring.getPublicKey();
    checkUsable(primary, id, what, now);
    if (key != primary) {
      checkUsable(key, id, what, now);
      checkBound(primary, key, id, what);
    }
    checkMaySign(key, id, what);
    try {
      sig.init(new BcPGPContentVerifierBuilderProvider(), key);
      sig.update(message.signed());
      if (!sig.verify()) {
        throw new ProvenanceException(Reason.BAD_SIGNATURE, what + ": the signature by key " + id
            + " does not match the signed text (the provenance was altered, or signed by another key)");
      }
    } catch (PGPException e) {
      throw new ProvenanceException(Reason.BAD_SIGNATURE, what + ": cannot check the signature by key " + id + ": "
          + e.getMessage(), e);
    }
    long sigExpiry = sig.getHashedSubPackets() == null ? 0 : sig.getHashedSubPackets().getSignatureExpirationTime();
    Instant created = sig.getCreationTime().toInstant();
    if (sigExpiry > 0 && created.plusSeconds(sigExpiry).isBefore(now)) {
      throw new ProvenanceException(Reason.BAD_SIGNATURE, what + ": the signature by key " + id + " expired at "
          + created.plusSeconds(sigExpiry));
    }
    return new ProvenanceVerification(id, Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT),
        firstUserId(primary), created, null, null);
  }

  /**
   * The armored clear signature (SHA-512, text mode, as Helm signs) of {@code message} by {@code secret}.
   *
   * @throws ProvenanceException when the key cannot be unlocked with {@code passphrase}
   */
  public static String sign(String message, PGPSecretKey secret, char @Nullable [] passphrase, Instant now)
      throws IOException {
    PGPPrivateKey priv;
    try {
      priv = secret.extractPrivateKey(secret.getKeyEncryptionAlgorithm() == 0 ? null
          : new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
              .build(passphrase == null ? new char[0] : passphrase));
    } catch (PGPException e) {
      throw new ProvenanceException(Reason.CANNOT_SIGN, "cannot unlock signing key " + keyId(secret.getKeyID())
          + (passphrase == null ? ": it is protected by a passphrase and none was given" : ": wrong passphrase"), e);
    }
    try {
      PGPSignatureGenerator gen = new PGPSignatureGenerator(
          new BcPGPContentSignerBuilder(secret.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
          secret.getPublicKey());
      gen.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, priv);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, Date.from(now));
      hashed.setIssuerFingerprint(false, secret.getPublicKey());
      gen.setHashedSubpackets(hashed.generate());
      gen.update(ClearSignedText.canonical(message));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (OutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        gen.generate().encode(armored);
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (PGPException e) {
      throw new ProvenanceException(Reason.CANNOT_SIGN, "cannot sign with key " + keyId(secret.getKeyID()) + ": "
          + e.getMessage(), e);
    }
  }

  /** Upper-case 16-digit hex, as {@code gpg --keyid-format long} prints key ids. */
  public static String keyId(long id) {
    return String.format(Locale.ROOT, "%016X", id);
  }

  /** The first user id of {@code key}, or null. */
  public static @Nullable String firstUserId(PGPPublicKey key) {
    Iterator<String> ids = key.getUserIDs();
    return ids.hasNext() ? ids.next() : null;
  }

  private static PGPSignature readSignature(byte[] armored, String what) throws ProvenanceException {
    try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
      Object o = new BcPGPObjectFactory(in).nextObject();
      if (o instanceof PGPSignatureList list && !list.isEmpty()) {
        return list.get(0);
      }
      throw new ProvenanceException(Reason.MALFORMED, what + ": the signature block holds no signature");
    } catch (IOException | RuntimeException e) {
      throw new ProvenanceException(Reason.MALFORMED, what + ": the signature block cannot be read: "
          + e.getMessage(), e);
    }
  }

  private static long issuer(PGPSignature sig) {
    if (sig.getKeyID() != 0) {
      return sig.getKeyID();
    }
    var fp = sig.getHashedSubPackets() == null ? null : sig.getHashedSubPackets().getIssuerFingerprint();
    if (fp != null && fp.getFingerprint().length >= 8) {
      byte[] f = fp.getFingerprint();
      long id = 0;
      for (int i = f.length - 8; i < f.length; i++) {
        id = (id << 8) | (f[i] & 0xFF); // a v4 key id is the fingerprint's last 8 bytes
      }
      return id;
    }
    return 0;
  }

  private static void checkUsable(PGPPublicKey key, String id, String what, Instant now) throws ProvenanceException {
    String which = key.isMasterKey() ? "primary key " + keyId(key.getKeyID()) : "key " + id;
    if (key.hasRevocation()) {
      throw new ProvenanceException(Reason.KEY_NOT_VALID, what + " is signed by key " + id + ", but the keyring"
          + " holds a revocation of " + which);
    }
    long valid = key.getValidSeconds();
    if (valid > 0 && key.getCreationTime().toInstant().plusSeconds(valid).isBefore(now)) {
      throw new ProvenanceException(Reason.KEY_NOT_VALID, what + " is signed by key " + id + ", but " + which
          + " expired at " + key.getCreationTime().toInstant().plusSeconds(valid));
    }
  }

  /**
   * Refuses a key whose self-signatures (a primary key's own certifications, a subkey's binding) carry key
   * flags without "sign data", as go-crypto refuses it; a key without key flags (old keys) may sign.
   */
  private static void checkMaySign(PGPPublicKey key, String id, String what) throws ProvenanceException {
    Iterator<PGPSignature> sigs = key.isMasterKey() ? key.getSignatures()
        : key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
    Integer flags = null;
    while (sigs.hasNext()) {
      PGPSignature s = sigs.next();
      if (key.isMasterKey() && !(s.isCertification() && s.getKeyID() == key.getKeyID())) {
        continue; // others' certifications say nothing about what this key may do
      }
      var hashed = s.getHashedSubPackets();
      if (hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
        flags = (flags == null ? 0 : flags) | hashed.getKeyFlags();
      }
    }
    if (flags != null && (flags & KeyFlags.SIGN_DATA) == 0) {
      throw new ProvenanceException(Reason.KEY_NOT_VALID, what + " is signed by key " + id
          + ", whose key flags do not allow signing data");
    }
  }

  private static void checkBound(PGPPublicKey primary, PGPPublicKey sub, String id, String what)
      throws ProvenanceException {
    for (Iterator<PGPSignature> it = sub.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext(); ) {
      PGPSignature binding = it.next();
      try {
        binding.init(new BcPGPContentVerifierBuilderProvider(), primary);
        if (binding.verifyCertification(primary, sub)) {
          return;
        }
      } catch (PGPException e) {
        // try the next binding signature
      }
    }
    throw new ProvenanceException(Reason.KEY_NOT_VALID, what + " is signed by subkey " + id
        + ", which carries no valid binding signature from its primary key");
  }

  private static String hashName(int algorithm) {
    try {
      return PGPUtil.getDigestName(algorithm);
    } catch (PGPException e) {
      return "hash algorithm " + algorithm;
    }
  }

  private static String normalise(String hash) {
    return hash.replace("-", "").toUpperCase(Locale.ROOT);
  }

  /** The secret keys of {@code keys} whose primary user id is {@code name}, contains it, or whose id it is. */
  public static List<PGPSecretKey> candidates(OpenPgpKeys keys, String name) {
    List<PGPSecretKey> exact = new java.util.ArrayList<>();
    List<PGPSecretKey> partial = new java.util.ArrayList<>();
    String hex = name.startsWith("0x") || name.startsWith("0X") ? name.substring(2) : name;
    for (var ring : keys.secretRings()) {
      PGPSecretKey primary = ring.getSecretKey();
      String fp = Hex.toHexString(primary.getPublicKey().getFingerprint());
      if (hex.length() >= 8 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)
          && fp.toUpperCase(Locale.ROOT).endsWith(hex.toUpperCase(Locale.ROOT))) {
        exact.add(primary);
        continue;
      }
      for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
        String uid = ids.next();
        if (uid.equals(name)) {
          exact.add(primary);
          break;
        }
        if (uid.contains(name)) {
          partial.add(primary);
          break;
        }
      }
    }
    return exact.isEmpty() ? partial : exact;
  }
}
