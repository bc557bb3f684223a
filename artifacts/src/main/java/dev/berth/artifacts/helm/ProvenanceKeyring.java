package dev.berth.artifacts.helm;

import dev.berth.artifacts.helm.ProvenanceException.Reason;
import dev.berth.artifacts.helm.internal.OpenPgpKeys;
import dev.berth.core.content.LocalFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The OpenPGP keys provenance is checked against (or signed with), read from a keyring file in one of the
 * formats Helm reads: GnuPG's legacy binary keyrings ({@code pubring.gpg}; a {@code secring.gpg}
 * contributes its public keys too) or ASCII-armored keys ({@code gpg --export --armor}, several blocks
 * concatenated allowed). A GnuPG 2.1 keybox ({@code pubring.kbx}) is refused with the command that exports
 * a keyring from it.
 *
 * <p>Needs BouncyCastle's {@code bcpg-jdk18on} (an optional dependency of this module) on the class or
 * module path.
 */
public final class ProvenanceKeyring {
  /** The largest keyring file read: a keyring of a thousand keys is a few MiB. */
  public static final long MAX_KEYRING_BYTES = 16L << 20;

  private final Path file;
  private final Object keys; // OpenPgpKeys; typed Object so this class loads without BouncyCastle

  private ProvenanceKeyring(Path file, Object keys) {
    this.file = file;
    this.keys = keys;
  }

  /**
   * Reads {@code keyringFile}.
   *
   * @throws ProvenanceException ({@link Reason#KEYRING_UNREADABLE}) naming the file and why: missing,
   *     not a regular file, larger than {@link #MAX_KEYRING_BYTES}, a keybox, no keys; ({@link
   *     Reason#NO_OPENPGP}) when BouncyCastle is missing
   */
  public static ProvenanceKeyring load(Path keyringFile) throws ProvenanceException {
    byte[] data;
    try {
      data = LocalFiles.readRegularFile(keyringFile, MAX_KEYRING_BYTES);
    } catch (IOException e) {
      throw new ProvenanceException(Reason.KEYRING_UNREADABLE, "cannot read keyring " + keyringFile + ": "
          + describe(e), e);
    }
    try {
      return new ProvenanceKeyring(keyringFile, OpenPgpKeys.read(data));
    } catch (IllegalArgumentException e) {
      throw new ProvenanceException(Reason.KEYRING_UNREADABLE, "keyring " + keyringFile + ": " + e.getMessage(), e);
    } catch (NoClassDefFoundError e) {
      throw noOpenPgp(e);
    }
  }

  /** The file the keys were read from. */
  public Path file() {
    return file;
  }

  OpenPgpKeys keys() {
    return (OpenPgpKeys) keys;
  }

  static ProvenanceException noOpenPgp(NoClassDefFoundError e) {
    return new ProvenanceException(Reason.NO_OPENPGP, "Helm provenance needs BouncyCastle's OpenPGP library:"
        + " add org.bouncycastle:bcpg-jdk18on to the class path (module org.bouncycastle.pg)", e);
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public String toString() {
    return "ProvenanceKeyring[" + file + "]";
  }
}
