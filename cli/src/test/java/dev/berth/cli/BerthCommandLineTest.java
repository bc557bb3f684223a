package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BerthCommandLineTest {
  @Test
  void everyCommandHasHelpOnStdoutAndExitsZero() {
    List<List<String>> paths = new ArrayList<>();
    collect(Berth.commandLine(new Berth(null, null)), new ArrayList<>(), paths);
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun r = CliRun.run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), "exit of " + args + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: berth"), args + " printed: " + r.out());
      assertTrue(r.out().contains("--plain-http"), args + " lacks the global flags: " + r.out());
      // picocli turns an unknown ${NAME} in a description into "null"; $${NAME} prints it.
      assertFalse(r.out().matches("(?s).*\\bnull\\b.*"), args + " shows an interpolated ${...}: " + r.out());
    }
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun r = CliRun.run();
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("error: no command given"), r.err());
  }

  @Test
  void unknownCommandIsAUsageErrorWithAHint() {
    CliRun r = CliRun.run("frobnicate");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("frobnicate"), r.err());
    assertTrue(r.err().contains("hint: see 'berth --help'"), r.err());
  }

  @Test
  void onlyTheNamedCommandIsBuiltButAnythingElseGetsThemAll() {
    int all = Berth.COMMANDS.size();
    assertEquals(java.util.Set.of("push"), Berth.commandLine(new Berth(null, null), "-u", "push", "--ca-file", "ca.pem",
        "push", "oci:x:1", "a.txt").getSubcommands().keySet(), "option values are not command names");
    assertEquals(java.util.Set.of("tags"), Berth.commandLine(new Berth(null, null), "--registry-config=c.json",
        "--plain-http", "tags", "oci:x").getSubcommands().keySet());
    for (String[] args : List.of(new String[0], new String[] {"pul"}, new String[] {"help", "cp"},
        new String[] {"--", "push"}, new String[] {"--version"}, new String[] {"--help", "push"},
        new String[] {"-h", "tags", "oci:x"})) {
      assertEquals(all, Berth.commandLine(new Berth(null, null), args).getSubcommands().size(), String.join(" ", args));
    }
  }

  @Test
  void aMistypedCommandIsNamedWithASuggestion() {
    CliRun r = CliRun.run("pul");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().startsWith("error: unknown command 'pul' (did you mean pull"), r.err());
    assertTrue(r.err().contains("did you mean pull"), r.err());
    CliRun extra = CliRun.run("resolve", "oci:x:v1", "extra");
    assertTrue(extra.err().startsWith("error: unexpected argument 'extra'\n"), extra.err());
  }

  @Test
  void versionIsPrinted() {
    CliRun r = CliRun.run("--version");
    assertEquals(0, r.exit());
    String[] lines = r.out().split("\n");
    // berth's version and the commit it was built from (a git checkout here), then the Java runtime.
    assertTrue(lines[0].matches("berth \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{12}\\)"), r.out());
    assertTrue(lines[1].startsWith("Java " + System.getProperty("java.runtime.version") + " ("), r.out());
  }

  // Bad input: one clear line naming the problem, a non-zero exit, nothing left behind.

  @Test
  void aFailedCommandRemovesTheLayoutItCreated(@TempDir Path tmp) {
    Path fresh = tmp.resolve("new/layout");
    assertBadInput(CliRun.run("tag", "oci:" + fresh + ":v1", "v2"), ExitCodes.NOT_FOUND, "\"v1\" not found");
    assertBadInput(CliRun.run("cp", "oci:" + tmp.resolve("missing") + ":v1", "oci:" + fresh + ":v1"),
        ExitCodes.NOT_FOUND, "no OCI layout directory: " + tmp.resolve("missing"));
    assertFalse(Files.exists(tmp.resolve("new")), "left behind: " + tmp.resolve("new"));
  }

  @Test
  void concurrencyOutsideOneTo256IsAUsageError(@TempDir Path tmp) {
    assertBadInput(CliRun.run("cp", "--concurrency", "0", "oci:" + tmp.resolve("a") + ":v1", "oci:" + tmp.resolve("b")),
        ExitCodes.USAGE, "--concurrency must be between 1 and 256, got 0");
    assertBadInput(CliRun.run("cp", "--concurrency", "1073741824", "oci:" + tmp.resolve("a") + ":v1",
        "oci:" + tmp.resolve("b")), ExitCodes.USAGE, "got 1073741824");
    assertFalse(Files.exists(tmp.resolve("b")), "nothing is created for a refused command");
  }

  @Test
  void aFailedCommandKeepsALayoutThatExistedBefore(@TempDir Path tmp) throws IOException {
    Path layout = pushedLayout(tmp);
    assertBadInput(CliRun.run("tag", "oci:" + layout + ":nope", "v2"), ExitCodes.NOT_FOUND, "\"nope\" not found");
    assertEquals("v1", CliRun.run("tags", "oci:" + layout).out().strip());
  }

  @Test
  void tagChecksEveryNewTagBeforeSettingAny(@TempDir Path tmp) throws IOException {
    Path layout = pushedLayout(tmp);
    assertBadInput(CliRun.run("tag", "oci:" + layout + ":v1", "good", "bad tag"), ExitCodes.USAGE, "tag \"bad tag\" has an invalid character");
    assertEquals("v1", CliRun.run("tags", "oci:" + layout).out().strip());
  }

  @Test
  void aDirectoryWhereAFileBelongsIsNamed(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("dir"));
    Path file = Files.writeString(tmp.resolve("f.txt"), "x");
    String layout = "oci:" + tmp.resolve("layout") + ":v1";
    assertBadInput(CliRun.run("push", layout, file.toString(), "--config", dir.toString()), ExitCodes.USAGE,
        dir + " is a directory, not a file");
    assertBadInput(CliRun.run("manifest", "put", layout, dir.toString()), ExitCodes.USAGE, "is a directory, not a file");
    assertBadInput(CliRun.run("blob", "put", "oci:" + tmp.resolve("layout"), dir.toString()), ExitCodes.USAGE,
        "is a directory, not a file");
    assertBadInput(CliRun.run("wasm", "push", layout, dir.toString()), ExitCodes.USAGE, "is a directory, not a file");
    assertFalse(Files.exists(tmp.resolve("layout")), "the layout was created for nothing");
  }

  @Test
  void outputPathsAreCheckedBeforeAnythingIsFetched(@TempDir Path tmp) throws IOException {
    Path layout = pushedLayout(tmp);
    Path file = Files.writeString(tmp.resolve("plain.txt"), "keep");
    assertBadInput(CliRun.run("pull", "oci:" + layout + ":v1", "-o", file.toString()), ExitCodes.USAGE,
        file + " is a file, not a directory");
    assertBadInput(CliRun.run("manifest", "get", "oci:" + layout + ":v1", "-o", tmp.toString()), ExitCodes.USAGE,
        "is a directory; name the file to write");
    assertBadInput(CliRun.run("manifest", "get", "oci:" + layout + ":v1", "-o", file.resolve("m.json").toString()),
        ExitCodes.USAGE, file + " is a file, not a directory");
    assertEquals("keep", Files.readString(file));
  }

  @Test
  void pullOverAnExistingFileNamesTheOverwriteFlagAndKeepsTheFile(@TempDir Path tmp) throws IOException {
    Path layout = pushedLayout(tmp);
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(out.resolve("hello.txt"), "mine");
    CliRun r = CliRun.run("pull", "oci:" + layout + ":v1", "-o", out.toString());
    assertBadInput(r, ExitCodes.FAILURE, "already exists: " + out.resolve("hello.txt"));
    assertTrue(r.err().contains("hint: pass --overwrite"), r.err());
    assertEquals("mine", Files.readString(out.resolve("hello.txt")));
  }

  @Test
  void wasmPullRefusesAnExistingFileBeforeDownloading(@TempDir Path tmp) throws IOException {
    Path wasm = Files.write(tmp.resolve("m.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    assertEquals(0, CliRun.run("wasm", "push", "oci:" + tmp.resolve("layout") + ":v1", wasm.toString()).exit());
    CliRun r = CliRun.run("wasm", "pull", "oci:" + tmp.resolve("layout") + ":v1", "-o", wasm.toString());
    assertBadInput(r, ExitCodes.FAILURE, "already exists: " + wasm);
    assertFalse(r.err().contains("pulled sha256"), "downloaded before refusing: " + r.err());
  }

  @Test
  void blobPutRefusesATagItWouldIgnore(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("f.txt"), "x");
    assertBadInput(CliRun.run("blob", "put", "oci:" + tmp.resolve("layout") + ":v1", file.toString()), ExitCodes.USAGE,
        "blob put takes a repository without a tag or digest");
  }

  @Test
  void loginAndLogoutTakeAHostNotAUrlOrRepository() {
    assertBadInput(CliRun.runWithStdin("secret\n", "login", "https://localhost:5000", "-u", "u", "--password-stdin"),
        ExitCodes.USAGE, "not a URL: drop \"https://\"");
    assertBadInput(CliRun.run("logout", "localhost:5000/app"), ExitCodes.USAGE, "without a repository path");
  }

  @Test
  void badFlagValuesAreNamed(@TempDir Path tmp) throws IOException {
    Path notPem = Files.writeString(tmp.resolve("ca.pem"), "not a certificate");
    assertBadInput(CliRun.run("--ca-file", notPem.toString(), "resolve", "localhost:1/app:v1"), ExitCodes.USAGE,
        "--ca-file: CA file " + notPem + " is not a PEM certificate bundle");
    assertBadInput(CliRun.run("--ca-file", tmp.resolve("none.pem").toString(), "resolve", "localhost:1/app:v1"),
        ExitCodes.FAILURE, "no such file or directory: " + tmp.resolve("none.pem"));
    assertBadInput(CliRun.run("--registry-config", tmp.toString(), "logout", "localhost:5000"), ExitCodes.USAGE,
        "--registry-config " + tmp + " is a directory");
    assertBadInput(CliRun.run("discover", "oci:" + tmp + ":v1", "--depth", "-1"), ExitCodes.USAGE,
        "--depth must be 0 or more");
  }

  @Test
  void aMediaTypeThatIsNotOneIsRefusedBeforeAnythingIsPushed(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("f.txt"), "x");
    String layout = "oci:" + tmp.resolve("layout") + ":v1";
    assertBadInput(CliRun.run("push", layout, file.toString(), "--artifact-type", ""), ExitCodes.USAGE,
        "--artifact-type \"\" is not a media type");
    assertBadInput(CliRun.run("push", layout, file + ":text/pl ain"), ExitCodes.USAGE,
        "\"text/pl ain\" is not a media type");
    assertBadInput(CliRun.run("attach", layout, file.toString(), "--artifact-type", "sbom"), ExitCodes.USAGE,
        "--artifact-type \"sbom\" is not a media type");
    assertBadInput(CliRun.run("blob", "put", "oci:" + tmp.resolve("layout"), file.toString(), "--media-type", "x"),
        ExitCodes.USAGE, "--media-type \"x\" is not a media type");
    assertFalse(Files.exists(tmp.resolve("layout")));
    assertEquals(0, CliRun.run("push", layout, file + ":text/plain; charset=utf-8",
        "--artifact-type", "application/vnd.example.sbom+json").exit());
  }

  @Test
  void helmPushOfAFileThatIsNotGzipNamesIt(@TempDir Path tmp) throws IOException {
    Path notChart = Files.writeString(tmp.resolve("chart.tgz"), "plain text");
    assertBadInput(CliRun.run("helm", "push", notChart.toString(), "oci:" + tmp.resolve("charts")), ExitCodes.USAGE,
        notChart + " is not a chart archive");
    assertFalse(Files.exists(tmp.resolve("charts")));
  }

  /** Pushes hello.txt as oci:TMP/layout:v1. */
  private static Path pushedLayout(Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("hello.txt"), "hello");
    Path layout = tmp.resolve("layout");
    CliRun r = CliRun.run("push", "oci:" + layout + ":v1", file.toString());
    assertEquals(0, r.exit(), r.err());
    return layout;
  }

  private static void assertBadInput(CliRun r, int exit, String message) {
    assertEquals(exit, r.exit(), r.err());
    String error = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
    assertTrue(error.contains(message), "expected '" + message + "' in: " + r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("null"),
        "not a clean one-line error: " + r.err());
  }

  private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> out) {
    out.add(prefix);
    cmd.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help") && sub.getCommandSpec().name().equals(name)) {
        List<String> p = new ArrayList<>(prefix);
        p.add(name);
        collect(sub, p, out);
      }
    });
  }
}
