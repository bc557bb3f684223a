package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.ProvenanceSigner;
import dev.berth.testkit.PgpTestKeys;
import dev.berth.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth helm pull --verify --keyring}, {@code helm push --sign}, and push DIR --version/--app-version. */
class HelmVerifyCliTest {
  static final PgpTestKeys.Key signer = PgpTestKeys.signer();
  static final PgpTestKeys.Key stranger = PgpTestKeys.stranger();

  @TempDir Path tmp;

  private Path chartDir() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("src/demo"));
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: \"1.0\"\n");
    return dir;
  }

  private String layout() {
    return "oci:" + tmp.resolve("layout");
  }

  @Test
  void aChartSignedBesideItVerifiesOnPull() throws Exception {
    Path tgz = HelmPackager.packageChart(chartDir(), tmp.resolve("dist"));
    ProvenanceSigner.fromKeyring(signer.writeSecring(tmp.resolve("secring.gpg")), "Chart Signer", null)
        .signBeside(tgz);
    assertEquals(0, CliRun.run("helm", "push", tgz.toString(), layout()).exit());

    Path out = tmp.resolve("out");
    CliRun pull = CliRun.run("helm", "pull", layout() + "/demo", "--version", "0.1.0", "-o", out.toString(),
        "--verify", "--keyring", signer.writePubring(tmp.resolve("pubring.gpg")).toString());
    assertEquals(0, pull.exit(), pull.err());
    assertTrue(pull.err().contains("signed by Chart Signer <signer@example.org>, key " + signer.keyId()), pull.err());
    assertTrue(Files.isRegularFile(out.resolve("demo-0.1.0.tgz.prov")));
  }

  @Test
  void aFailedVerificationExitsOneNamesTheKeyAndWritesNothing() throws Exception {
    assertEquals(0, CliRun.run("helm", "push", chartDir().toString(), layout(), "--sign", "--key", "Chart Signer",
        "--keyring", signer.writeSecring(tmp.resolve("secring.gpg")).toString()).exit());

    Path out = Files.createDirectories(tmp.resolve("out"));
    CliRun pull = CliRun.run("helm", "pull", layout() + "/demo", "-o", out.toString(), "--verify", "--keyring",
        stranger.writePubring(tmp.resolve("other.gpg")).toString());
    assertEquals(ExitCodes.FAILURE, pull.exit(), pull.err());
    assertTrue(pull.err().contains("signed by key " + signer.keyId() + ", which is not in the keyring"), pull.err());
    assertTrue(pull.err().contains("gpg --export"), pull.err());
    assertEquals(0, TempDirs.entries(out));
  }

  @Test
  void anUnsignedChartFailsVerification() throws Exception {
    assertEquals(0, CliRun.run("helm", "push", chartDir().toString(), layout()).exit());
    Path out = tmp.resolve("out");
    CliRun pull = CliRun.run("helm", "pull", layout() + "/demo", "-o", out.toString(), "--verify", "--keyring",
        signer.writePubring(tmp.resolve("pubring.gpg")).toString());
    assertEquals(ExitCodes.FAILURE, pull.exit());
    assertTrue(pull.err().contains("has no provenance file"), pull.err());
    assertEquals(0, TempDirs.entries(out));
  }

  @Test
  void signingWithAProtectedKeyReadsThePassphraseFile() throws Exception {
    char[] pass = "s3cret phrase".toCharArray();
    PgpTestKeys.Key locked = PgpTestKeys.generate("Locked <locked@example.org>", pass, java.time.Instant.now(), null);
    Path passFile = Files.writeString(tmp.resolve("pass.txt"), "s3cret phrase\nignored second line\n");
    Path secring = locked.writeSecring(tmp.resolve("locked.gpg"));

    CliRun wrong = CliRun.run("helm", "push", chartDir().toString(), layout(), "--sign", "--key", "Locked",
        "--keyring", secring.toString(), "--passphrase-file", Files.writeString(tmp.resolve("bad"), "nope").toString());
    assertEquals(ExitCodes.FAILURE, wrong.exit());
    assertTrue(wrong.err().contains("wrong passphrase") && wrong.err().contains("--passphrase-file"), wrong.err());
    assertFalse(Files.exists(tmp.resolve("layout/demo/index.json")) && CliRun.run("tags", layout() + "/demo").out()
        .contains("0.1.0"), "nothing pushed when signing fails");

    CliRun push = CliRun.run("helm", "push", chartDir().toString(), layout(), "--sign", "--key", "Locked",
        "--keyring", secring.toString(), "--passphrase-file", passFile.toString());
    assertEquals(0, push.exit(), push.err());
    assertFalse(push.err().contains("s3cret"), push.err());
    CliRun pull = CliRun.run("helm", "pull", layout() + "/demo", "-o", tmp.resolve("out").toString(), "--verify",
        "--keyring", locked.writeArmoredPublic(tmp.resolve("locked.asc")).toString());
    assertEquals(0, pull.exit(), pull.err());
  }

  @Test
  void pushDirectoryWithVersionOverrides() throws Exception {
    CliRun push = CliRun.run("helm", "push", chartDir().toString(), layout(), "--version", "1.2.3-rc.1",
        "--app-version", "2.0");
    assertEquals(0, push.exit(), push.err());
    assertTrue(push.err().contains("demo:1.2.3-rc.1"), push.err());

    Path out = tmp.resolve("out");
    CliRun pull = CliRun.run("helm", "pull", layout() + "/demo", "--version", "1.2.3-rc.1", "-o", out.toString());
    assertEquals(0, pull.exit(), pull.err());
    assertEquals("2.0", ChartArchive.readMetadata(out.resolve("demo-1.2.3-rc.1.tgz")).appVersion());
  }

  @Test
  void overridesAndSigningOptionsAreCheckedFirst() throws Exception {
    Path tgz = HelmPackager.packageChart(chartDir(), tmp.resolve("dist"));
    CliRun onArchive = CliRun.run("helm", "push", tgz.toString(), layout(), "--version", "1.0.0");
    assertEquals(ExitCodes.USAGE, onArchive.exit());
    assertTrue(onArchive.err().contains("packaged chart"), onArchive.err());

    CliRun badVersion = CliRun.run("helm", "push", chartDir().toString(), layout(), "--version", "1.0");
    assertEquals(ExitCodes.USAGE, badVersion.exit());
    assertTrue(badVersion.err().contains("SemVer 2"), badVersion.err());

    assertEquals(ExitCodes.USAGE, CliRun.run("helm", "push", chartDir().toString(), layout(), "--sign").exit());
    assertEquals(ExitCodes.USAGE, CliRun.run("helm", "pull", layout() + "/demo", "--keyring", "x.gpg").exit());
    assertFalse(Files.exists(tmp.resolve("layout/demo")), "nothing pushed");

    CliRun help = CliRun.run("helm", "push", "--help");
    assertEquals(0, help.exit(), help.err());
    assertTrue(help.out().contains("--app-version") && help.out().contains("--passphrase-file"), help.out());
  }
}
