package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.helm.ProvenanceException.Reason;
import dev.berth.testkit.PgpTestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provenance files made by {@link ProvenanceSigner} and checked by {@link ChartProvenance}, honest and hostile. */
class ChartProvenanceTest {
  static final PgpTestKeys.Key signer = PgpTestKeys.signer();
  static final PgpTestKeys.Key stranger = PgpTestKeys.stranger();

  @TempDir Path tmp;

  private Path chart(String dir, String values) throws Exception {
    Path src = Charts.chartDir(tmp.resolve(dir), "demo", "0.1.0");
    Files.writeString(src.resolve("values.yaml"), values);
    return HelmPackager.packageChart(src, tmp.resolve(dir + "-dist"));
  }

  private Path signed(Path tgz) throws Exception {
    return ProvenanceSigner.fromKeyring(signer.writeSecring(tmp.resolve("secring.gpg")), "Chart Signer", null)
        .signBeside(tgz);
  }

  private ProvenanceKeyring pubring(PgpTestKeys.Key key) throws Exception {
    return ProvenanceKeyring.load(key.writePubring(tmp.resolve("pubring-" + key.keyId() + ".gpg")));
  }

  @Test
  void aChartBerthSignedVerifiesAgainstThePublicKeyringArmoredKeyOrSecring() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    Path prov = signed(tgz);
    assertEquals(tgz.resolveSibling("demo-0.1.0.tgz.prov"), prov);

    ProvenanceVerification v = ChartProvenance.verify(tgz, prov, pubring(signer));
    assertEquals(signer.keyId(), v.keyId());
    assertEquals("Chart Signer <signer@example.org>", v.userId());
    assertEquals("demo-0.1.0.tgz", v.fileName());
    assertEquals("sha256:" + ChartProvenance.sha256(tgz), v.chartDigest());
    assertTrue(v.fingerprint().endsWith(signer.keyId()), v.fingerprint());
    ChartProvenance.verify(tgz, prov, ProvenanceKeyring.load(signer.writeArmoredPublic(tmp.resolve("key.asc"))));
    ChartProvenance.verify(tgz, prov, ProvenanceKeyring.load(tmp.resolve("secring.gpg")));
  }

  @Test
  void theFileHasHelmsLayout() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    String prov = Files.readString(signed(tgz));
    assertTrue(prov.startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\napiVersion: v2\n"), prov);
    assertTrue(prov.contains("\nname: demo\n"), prov);
    assertTrue(prov.contains("\n...\nfiles:\n  demo-0.1.0.tgz: sha256:" + ChartProvenance.sha256(tgz)
        + "\n-----BEGIN PGP SIGNATURE-----\n"), prov);
    assertTrue(prov.endsWith("-----END PGP SIGNATURE-----\n"), prov);
  }

  @Test
  void aDigestSubstitutedInTheSignedTextBreaksTheSignature() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    Path evil = chart("b", "greeting: evil\n");
    Path prov = signed(tgz);
    String text = Files.readString(prov).replace(ChartProvenance.sha256(tgz), ChartProvenance.sha256(evil));
    Files.writeString(prov, text);

    ProvenanceException e = assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(evil, prov, pubring(signer)));
    assertEquals(Reason.BAD_SIGNATURE, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(signer.keyId()), e.getMessage());
  }

  @Test
  void aValidSignatureForAnotherChartIsADigestMismatchNamingBoth() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    Path other = chart("b", "greeting: evil\n"); // same name and version, other content
    Path prov = signed(tgz);

    ProvenanceException e = assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(other, "demo-0.1.0.tgz", Files.readAllBytes(prov), "demo.prov", pubring(signer)));
    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("sha256:" + ChartProvenance.sha256(tgz)), e.getMessage());
    assertTrue(e.getMessage().contains("sha256:" + ChartProvenance.sha256(other)), e.getMessage());
  }

  @Test
  void aSignatureByAKeyOutsideTheKeyringIsAnUnknownKeyNamed() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    Path prov = signed(tgz);

    ProvenanceException e = assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(tgz, prov, pubring(stranger)));
    assertEquals(Reason.UNKNOWN_KEY, e.reason());
    assertTrue(e.getMessage().contains(signer.keyId()), e.getMessage());
  }

  @Test
  void onlyTheSignedTextCounts() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    Path evil = chart("b", "greeting: evil\n");
    Path prov = signed(tgz);
    String evilSums = "files:\n  demo-0.1.0.tgz: sha256:" + ChartProvenance.sha256(evil) + "\n";
    String wrapped = "...\n" + evilSums + Files.readString(prov) + "\n...\n" + evilSums;
    Files.writeString(prov, wrapped);

    ChartProvenance.verify(tgz, prov, pubring(signer)); // the honest chart still verifies
    ProvenanceException e = assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(evil, "demo-0.1.0.tgz", wrapped.getBytes(StandardCharsets.UTF_8), "p",
            pubring(signer)));
    assertEquals(Reason.DIGEST_MISMATCH, e.reason()); // the unsigned files: lines were not read
  }

  @Test
  void aHugeProvenanceFileIsRefusedBeforeReadingIt() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    Path prov = tmp.resolve("demo-0.1.0.tgz.prov");
    try (var ch = java.nio.channels.FileChannel.open(prov, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 1L << 30); // a sparse 1 GiB file
    }
    ProvenanceException e = assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(tgz, prov, pubring(signer)));
    assertEquals(Reason.MALFORMED, e.reason());
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Test
  void malformedFilesSayWhatIsMissing() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    Path prov = tmp.resolve("x.prov");
    Files.writeString(prov, "files:\n  demo-0.1.0.tgz: sha256:00\n");
    ProvenanceException e = assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(tgz, prov, pubring(signer)));
    assertEquals(Reason.MALFORMED, e.reason());
    assertTrue(e.getMessage().contains("BEGIN PGP SIGNED MESSAGE"), e.getMessage());

    String good = Files.readString(signed(tgz));
    Files.writeString(prov, good.substring(0, good.indexOf("-----BEGIN PGP SIGNATURE-----")));
    assertEquals(Reason.MALFORMED, assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(tgz, prov, pubring(signer))).reason());
  }

  @Test
  void unreadableKeyringsAreNamed() throws Exception {
    Path missing = tmp.resolve("nope.gpg");
    ProvenanceException e = assertThrows(ProvenanceException.class, () -> ProvenanceKeyring.load(missing));
    assertEquals(Reason.KEYRING_UNREADABLE, e.reason());
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());

    Path garbage = Files.writeString(tmp.resolve("garbage.gpg"), "this is not a keyring\n");
    assertEquals(Reason.KEYRING_UNREADABLE, assertThrows(ProvenanceException.class,
        () -> ProvenanceKeyring.load(garbage)).reason());

    byte[] kbx = new byte[32];
    System.arraycopy("KBXf".getBytes(StandardCharsets.US_ASCII), 0, kbx, 8, 4);
    Path keybox = Files.write(tmp.resolve("pubring.kbx"), kbx);
    ProvenanceException k = assertThrows(ProvenanceException.class, () -> ProvenanceKeyring.load(keybox));
    assertTrue(k.getMessage().contains("gpg --export"), k.getMessage());
  }

  @Test
  void expiredAndRevokedKeysAreRefused() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    PgpTestKeys.Key old = PgpTestKeys.generate("Old <old@example.org>", null,
        Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1));
    Path prov = ProvenanceSigner.fromKeyring(old.writeSecring(tmp.resolve("old.gpg")), "Old", null).signBeside(tgz);
    ProvenanceException expired = assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(tgz, prov, pubring(old)));
    assertEquals(Reason.KEY_NOT_VALID, expired.reason());
    assertTrue(expired.getMessage().contains("expired"), expired.getMessage());

    Path honest = signed(tgz);
    ProvenanceException revoked = assertThrows(ProvenanceException.class,
        () -> ChartProvenance.verify(tgz, honest, ProvenanceKeyring.load(
            signer.revoked(null).writePubring(tmp.resolve("revoked.gpg")))));
    assertEquals(Reason.KEY_NOT_VALID, revoked.reason());
    assertTrue(revoked.getMessage().contains("revocation"), revoked.getMessage());
  }

  @Test
  void aProtectedKeySignsWithItsPassphraseOnly() throws Exception {
    Path tgz = chart("a", "greeting: hello\n");
    char[] pass = "correct horse".toCharArray();
    PgpTestKeys.Key locked = PgpTestKeys.generate("Locked <locked@example.org>", pass, Instant.now(), null);
    Path secring = locked.writeSecring(tmp.resolve("locked.gpg"));

    ProvenanceSigner s = ProvenanceSigner.fromKeyring(secring, locked.keyId(), pass);
    assertTrue(!s.toString().contains("horse"), s.toString());
    ChartProvenance.verify(tgz, s.signBeside(tgz), pubring(locked));
    ProvenanceException wrong = assertThrows(ProvenanceException.class,
        () -> ProvenanceSigner.fromKeyring(secring, "Locked", "hunter2".toCharArray()).sign(tgz));
    assertEquals(Reason.CANNOT_SIGN, wrong.reason());
    assertTrue(wrong.getMessage().contains("passphrase") && !wrong.getMessage().contains("hunter2"),
        wrong.getMessage());
    ProvenanceException none = assertThrows(ProvenanceException.class,
        () -> ProvenanceSigner.fromKeyring(secring, "Locked", null).sign(tgz));
    assertTrue(none.getMessage().contains("none was given"), none.getMessage());
  }

  @Test
  void aKeyNameMustSelectOneSecretKey() throws Exception {
    Path secring = signer.writeSecring(tmp.resolve("s.gpg"));
    assertEquals(Reason.UNKNOWN_KEY, assertThrows(ProvenanceException.class,
        () -> ProvenanceSigner.fromKeyring(secring, "Nobody", null)).reason());
    Path pubOnly = signer.writePubring(tmp.resolve("p.gpg"));
    ProvenanceException e = assertThrows(ProvenanceException.class,
        () -> ProvenanceSigner.fromKeyring(pubOnly, "Chart Signer", null));
    assertTrue(e.getMessage().contains("public keys only"), e.getMessage());
  }
}
