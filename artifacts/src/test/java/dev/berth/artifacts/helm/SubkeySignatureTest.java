package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.helm.ProvenanceException.Reason;
import dev.berth.artifacts.helm.internal.ClearSignedText;
import dev.berth.artifacts.helm.internal.OpenPgpSignatures;
import dev.berth.testkit.PgpTestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures by a signing subkey (how gpg makes keys): accepted when the subkey is bound to the primary
 * key of its ring, refused when someone else's subkey has been added to a trusted key's ring.
 */
class SubkeySignatureTest {
  @TempDir Path tmp;

  private static byte[] signedBySubkey(PgpTestKeys.Key key, Path tgz) throws Exception {
    String message = ChartProvenance.messageBlock(tgz);
    var subkey = key.secret().getSecretKey(PgpTestKeys.firstSubkeyId(key));
    return ClearSignedText.format("SHA512", message, OpenPgpSignatures.sign(message, subkey, null, Instant.now()));
  }

  @Test
  void aBoundSigningSubkeyVerifiesAndIsNamed() throws Exception {
    PgpTestKeys.Key key = PgpTestKeys.generateWithSigningSubkey("Sub Signer <sub@example.org>");
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"));

    ProvenanceVerification v = ChartProvenance.verify(tgz, "demo-0.1.0.tgz", signedBySubkey(key, tgz), "p",
        ProvenanceKeyring.load(key.writePubring(tmp.resolve("pubring.gpg"))));
    assertEquals(OpenPgpSignatures.keyId(PgpTestKeys.firstSubkeyId(key)), v.keyId());
    assertEquals("Sub Signer <sub@example.org>", v.userId());
  }

  @Test
  void aCertifyOnlyPrimaryKeyMayNotSign() throws Exception {
    PgpTestKeys.Key key = PgpTestKeys.generateWithSigningSubkey("Sub Signer <sub@example.org>");
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"));
    String message = ChartProvenance.messageBlock(tgz);
    byte[] byPrimary = ClearSignedText.format("SHA512", message,
        OpenPgpSignatures.sign(message, key.secret().getSecretKey(), null, Instant.now()));

    ProvenanceException e = assertThrows(ProvenanceException.class, () -> ChartProvenance.verify(tgz,
        "demo-0.1.0.tgz", byPrimary, "p", ProvenanceKeyring.load(key.writePubring(tmp.resolve("pubring.gpg")))));
    assertEquals(Reason.KEY_NOT_VALID, e.reason());
    assertTrue(e.getMessage().contains("key flags"), e.getMessage());
  }

  @Test
  void anotherKeysSubkeyAddedToATrustedRingIsRefused() throws Exception {
    PgpTestKeys.Key trusted = PgpTestKeys.generate("Trusted <trusted@example.org>");
    PgpTestKeys.Key attacker = PgpTestKeys.generateWithSigningSubkey("Attacker <evil@example.org>");
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"));
    // The attacker's subkey (bound to the attacker's primary key) put into the trusted signer's ring.
    PGPPublicKeyRing forged = PGPPublicKeyRing.insertPublicKey(trusted.pub(),
        attacker.pub().getPublicKey(PgpTestKeys.firstSubkeyId(attacker)));
    Path ring = Files.write(tmp.resolve("forged.gpg"), forged.getEncoded());

    ProvenanceException e = assertThrows(ProvenanceException.class, () -> ChartProvenance.verify(tgz,
        "demo-0.1.0.tgz", signedBySubkey(attacker, tgz), "p", ProvenanceKeyring.load(ring)));
    assertEquals(Reason.KEY_NOT_VALID, e.reason());
    assertTrue(e.getMessage().contains("binding"), e.getMessage());
  }
}
