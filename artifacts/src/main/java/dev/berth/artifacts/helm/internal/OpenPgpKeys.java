package dev.berth.artifacts.helm.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.jspecify.annotations.Nullable;

/**
 * The OpenPGP keys of a keyring file, in the formats Helm reads: GnuPG's legacy binary keyrings ({@code
 * pubring.gpg}, {@code secring.gpg}: a stream of key packets) and ASCII-armored keys, several blocks
 * concatenated allowed. A GnuPG 2.1 keybox ({@code pubring.kbx}) is recognised and refused with the
 * export command that makes a keyring from it.
 *
 * @param publicRings every key ring's public keys (secret rings contribute their public halves)
 * @param secretRings the secret key rings, for signing
 */
public record OpenPgpKeys(List<PGPPublicKeyRing> publicRings, List<PGPSecretKeyRing> secretRings) {
  private static final String ARMOR_BEGIN = "-----BEGIN PGP ";

  /**
   * Reads {@code data}.
   *
   * @throws IllegalArgumentException saying why it is not a keyring (the caller names the file)
   */
  public static OpenPgpKeys read(byte[] data) {
    List<PGPPublicKeyRing> pub = new ArrayList<>();
    List<PGPSecretKeyRing> sec = new ArrayList<>();
    if (data.length >= 12 && new String(data, 8, 4, StandardCharsets.ISO_8859_1).equals("KBXf")) {
      throw new IllegalArgumentException("it is a GnuPG keybox (pubring.kbx), which berth does not read; export"
          + " the keys into a keyring file: gpg --export KEYID > keyring.gpg");
    }
    try {
      String text = new String(data, StandardCharsets.ISO_8859_1);
      if (text.stripLeading().startsWith(ARMOR_BEGIN)) {
        int at = text.indexOf(ARMOR_BEGIN);
        while (at >= 0) {
          int next = text.indexOf(ARMOR_BEGIN, at + ARMOR_BEGIN.length());
          byte[] block = text.substring(at, next < 0 ? text.length() : next).getBytes(StandardCharsets.ISO_8859_1);
          try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(block))) {
            collect(in, pub, sec);
          }
          at = next;
        }
      } else {
        collect(new ByteArrayInputStream(data), pub, sec);
      }
    } catch (IOException | RuntimeException | PGPException e) {
      throw new IllegalArgumentException("it is not an OpenPGP keyring: " + e.getMessage(), e);
    }
    if (pub.isEmpty()) {
      throw new IllegalArgumentException("it holds no OpenPGP keys");
    }
    return new OpenPgpKeys(List.copyOf(pub), List.copyOf(sec));
  }

  private static void collect(InputStream in, List<PGPPublicKeyRing> pub, List<PGPSecretKeyRing> sec)
      throws IOException, PGPException {
    BcPGPObjectFactory f = new BcPGPObjectFactory(in);
    Object o;
    while ((o = f.nextObject()) != null) {
      if (o instanceof PGPPublicKeyRing r) {
        pub.add(r);
      } else if (o instanceof PGPSecretKeyRing r) {
        sec.add(r);
        List<PGPPublicKey> keys = new ArrayList<>();
        for (Iterator<PGPSecretKey> it = r.getSecretKeys(); it.hasNext(); ) {
          keys.add(it.next().getPublicKey());
        }
        pub.add(new PGPPublicKeyRing(keys));
      } else if (!(o instanceof PGPMarker)) {
        throw new PGPException("unexpected " + o.getClass().getSimpleName() + " where keys were expected");
      }
    }
  }

  /** The ring holding the (primary or sub) key with this id, or null. */
  public @Nullable PGPPublicKeyRing ringOf(long keyId) {
    for (PGPPublicKeyRing r : publicRings) {
      if (r.getPublicKey(keyId) != null) {
        return r;
      }
    }
    return null;
  }
}
