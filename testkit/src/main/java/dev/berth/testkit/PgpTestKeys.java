package dev.berth.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/**
 * OpenPGP keys made for a test, written as GnuPG's legacy keyrings ({@code secring.gpg}, {@code
 * pubring.gpg}), the format {@code helm package --sign --keyring} and {@code helm verify} read, or as an
 * ASCII-armored public key. RSA 2048, generated fresh: no key material lives in the repository.
 */
public final class PgpTestKeys {
  private PgpTestKeys() {}

  /** A generated key pair. */
  public record Key(PGPSecretKeyRing secret, PGPPublicKeyRing pub) {
    /** The primary key's 64-bit id as 16 upper-case hex digits. */
    public String keyId() {
      return String.format(Locale.ROOT, "%016X", pub.getPublicKey().getKeyID());
    }

    /** Writes the secret keyring (binary, as GnuPG 1's secring.gpg). */
    public Path writeSecring(Path file) {
      return write(file, secret::encode);
    }

    /** Writes the public keyring (binary, as GnuPG 1's pubring.gpg). */
    public Path writePubring(Path file) {
      return write(file, pub::encode);
    }

    /** Writes the public key ASCII-armored, as {@code gpg --export --armor}. */
    public Path writeArmoredPublic(Path file) {
      return write(file, out -> {
        try (ArmoredOutputStream a = ArmoredOutputStream.builder().build(out)) {
          pub.encode(a);
        }
      });
    }

    /** This key with a revocation signature on its primary key (made by itself, as gpg --gen-revoke). */
    public Key revoked(char[] passphrase) {
      try {
        PGPPrivateKey priv = secret.getSecretKey().extractPrivateKey(
            passphrase == null ? null : new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
                .build(passphrase));
        PGPPublicKey key = pub.getPublicKey();
        PGPSignatureGenerator gen = new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(key.getAlgorithm(), HashAlgorithmTags.SHA256), key);
        gen.init(PGPSignature.KEY_REVOCATION, priv);
        PGPPublicKey revokedKey = PGPPublicKey.addCertification(key, gen.generateCertification(key));
        return new Key(secret, PGPPublicKeyRing.insertPublicKey(pub, revokedKey));
      } catch (PGPException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Key signer;
  private static Key stranger;

  /**
   * The key the Helm provenance tests sign with ("Chart Signer"), made once per JVM: RSA key generation
   * takes a while and the tests only read the key.
   */
  public static synchronized Key signer() {
    if (signer == null) {
      signer = generate("Chart Signer <signer@example.org>");
    }
    return signer;
  }

  /** A second key, whose signatures the provenance tests expect to be refused, made once per JVM. */
  public static synchronized Key stranger() {
    if (stranger == null) {
      stranger = generate("Someone Else <else@example.org>");
    }
    return stranger;
  }

  /** An unprotected key valid from now, without expiry. */
  public static Key generate(String userId) {
    return generate(userId, null, Instant.now(), null);
  }

  /**
   * A key created at {@code created}, expiring {@code validFor} later (null: never), protected by {@code
   * passphrase} (null: unprotected).
   */
  public static Key generate(String userId, char[] passphrase, Instant created, Duration validFor) {
    return generate(userId, passphrase, created, validFor, false);
  }

  /** An unprotected key whose primary only certifies, with an RSA subkey for signing (as gpg makes them). */
  public static Key generateWithSigningSubkey(String userId) {
    return generate(userId, null, Instant.now(), null, true);
  }

  /** The 64-bit id of the first subkey of {@code key}. */
  public static long firstSubkeyId(Key key) {
    var it = key.pub().getPublicKeys();
    it.next();
    return it.next().getKeyID();
  }

  private static Key generate(String userId, char[] passphrase, Instant created, Duration validFor,
      boolean signingSubkey) {
    try {
      RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
      rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 2048, 12));
      PGPKeyPair pair = new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(),
          Date.from(created));
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setKeyFlags(false, signingSubkey ? KeyFlags.CERTIFY_OTHER : KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
      hashed.setSignatureCreationTime(false, Date.from(created));
      if (validFor != null) {
        hashed.setKeyExpirationTime(false, validFor.toSeconds());
      }
      PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
      PBESecretKeyEncryptor encryptor = passphrase == null ? null
          : new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1).build(passphrase);
      PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId, sha1,
          hashed.generate(), null, new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL,
              HashAlgorithmTags.SHA256), encryptor);
      if (signingSubkey) {
        PGPSignatureSubpacketGenerator subFlags = new PGPSignatureSubpacketGenerator();
        subFlags.setKeyFlags(false, KeyFlags.SIGN_DATA);
        gen.addSubKey(new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), Date.from(created)),
            subFlags.generate(), null);
      }
      return new Key(gen.generateSecretKeyRing(), gen.generatePublicKeyRing());
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Encoder {
    void encode(OutputStream out) throws IOException;
  }

  private static Path write(Path file, Encoder encoder) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      encoder.encode(out);
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
