package dev.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user gets it: unpacked into a temporary directory outside the repository and run
 * from there with nothing but a JDK (no Maven, no repository, an empty HOME).
 */
class DistributionIT {
  // 18 MiB: BouncyCastle's OpenPGP (bcprov 7.3 MB, bcpg 0.8 MB, bcutil 0.8 MB) ships for helm pull --verify
  // and helm push --sign; without it the archives were 9.1 MB, with it 16.6 MB. A cap, not a target.
  private static final long MAX_ARCHIVE_BYTES = 18L * 1024 * 1024;
  private static final Path TAR = Path.of(System.getProperty("berth.dist.tar", "target/missing.tar.gz"));
  private static final Path ZIP = Path.of(System.getProperty("berth.dist.zip", "target/missing.zip"));
  private static final String VERSION = System.getProperty("berth.version", "?");

  @TempDir
  static Path unpacked;
  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    assertTrue(Files.isRegularFile(TAR), "no distribution at " + TAR + ": run mvn package first");
    Result tar = run(List.of("tar", "xzf", TAR.toString(), "-C", unpacked.toString()), unpacked, Map.of());
    assertEquals(0, tar.exit(), tar.err());
    home = unpacked.resolve("berth-" + VERSION);
    assertTrue(Files.isDirectory(home), "the archive's top directory is berth-VERSION");
  }

  @Test
  void archivesStayUnderTheirCap() throws IOException {
    assertTrue(Files.size(TAR) <= MAX_ARCHIVE_BYTES, TAR + ": " + Files.size(TAR) + " bytes");
    assertTrue(Files.size(ZIP) <= MAX_ARCHIVE_BYTES, ZIP + ": " + Files.size(ZIP) + " bytes");
  }

  @Test
  void zipHoldsTheSameFilesAsTheTarball() throws IOException {
    TreeSet<String> inZip;
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      inZip = zip.stream().filter(e -> !e.isDirectory()).map(e -> e.getName())
          .collect(Collectors.toCollection(TreeSet::new));
    }
    TreeSet<String> inTar;
    try (Stream<Path> files = Files.walk(home)) {
      inTar = files.filter(Files::isRegularFile).map(p -> "berth-" + VERSION + "/" + home.relativize(p))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(inTar, inZip);
  }

  @Test
  void layoutHasLaunchersLicenceCompletionAndManPages() throws IOException {
    assertTrue(Files.isExecutable(home.resolve("bin/berth")), "bin/berth is executable");
    assertTrue(Files.readString(home.resolve("bin/berth")).startsWith("#!/bin/sh\n"), "POSIX sh, unix line ends");
    assertTrue(Files.readString(home.resolve("bin/berth.cmd")).contains("\r\n"), "berth.cmd has DOS line ends");
    assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"));
    assertTrue(Files.readString(home.resolve("NOTICE")).startsWith("berth\n"));
    assertTrue(Files.readString(home.resolve("man/man1/berth.1")).contains(".TH \"BERTH\" \"1\""));
    assertTrue(Files.readString(home.resolve("man/man1/berth-push.1")).contains(".TH \"BERTH\\-PUSH\" \"1\""));
    assertTrue(Files.readString(home.resolve("completion/berth.zsh")).contains("bashcompinit"));
  }

  @Test
  void libHoldsOnlyWhatTheCommandLineUses() throws IOException {
    List<String> jars;
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      jars = lib.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertTrue(jars.contains("berth-cli-" + VERSION + ".jar"), jars.toString());
    // bcprov, bcpg and bcutil are there for Helm provenance; bcpkix (X.509, the testkit's) is not.
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("bcpg-")), jars.toString());
    for (String banned : List.of("testkit", "junit", "opentest4j", "bcpkix", "oras",
        "jib", "mockwebserver", "jqwik", "commons-codec", "annotations-13", "picocli-codegen", "berth-dist")) {
      assertFalse(jars.stream().anyMatch(j -> j.contains(banned)), banned + " in lib: " + jars);
    }
  }

  @Test
  void bashCompletesBerthsCommands() throws Exception {
    Path script = home.resolve("completion/berth.bash");
    // The completion function is registered and offers the commands for "berth pu<TAB>".
    Result r = run(List.of("bash", "-c", "source \"$1\" && complete -p berth && COMP_WORDS=(berth pu) COMP_CWORD=1"
        + " COMP_LINE='berth pu' COMP_POINT=8 && _complete_berth && printf '%s\\n' \"${COMPREPLY[@]}\"", "bash",
        script.toString()), unpacked, Map.of());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("-F _complete_berth berth"), r.out());
    assertTrue(r.out().lines().anyMatch("push"::equals) && r.out().lines().anyMatch("pull"::equals), r.out());
  }

  @Test
  void versionNamesBerthTheCommitAndTheJavaRuntime() throws Exception {
    Result r = berth(unpacked, "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("berth " + VERSION + " (commit "), r.out());
    assertTrue(r.out().contains("\nJava " + System.getProperty("java.runtime.version") + " ("), r.out());
  }

  @Test
  void aStartUpArchiveIsRecordedOnceAndARefusedOneIsIgnoredSilently() throws Exception {
    Path cache = Files.createDirectories(unpacked.resolve("archive-cache"));
    Map<String, String> env = javaOnlyEnvironment(true);
    env.put("XDG_CACHE_HOME", cache.toString());
    List<String> version = List.of(home.resolve("bin/berth").toString(), "--version");

    Result first = run(version, unpacked, env);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().startsWith("berth " + VERSION), "the recording leaves stdout alone: " + first.out());
    List<Path> archives;
    try (Stream<Path> s = Files.list(cache.resolve("berth"))) {
      archives = s.filter(p -> p.getFileName().toString().matches("berth-java\\d+-\\d+\\.(jsa|aot)")).toList();
    }
    assertEquals(1, archives.size(), "one archive for this JDK, jars and flags");

    Result second = run(version, unpacked, env);
    assertEquals(first.out(), second.out());
    assertEquals("", second.err(), "the archive is used without a word");

    Files.write(archives.get(0), "not an archive".getBytes(StandardCharsets.UTF_8));
    Result refused = run(version, unpacked, env);
    assertEquals(0, refused.exit(), refused.err());
    assertEquals(first.out(), refused.out());
    assertEquals("", refused.err(), "a refused archive falls back silently");
  }

  @Test
  void runsThroughASymlinkOnThePath() throws Exception {
    Path bin = Files.createDirectories(unpacked.resolve("links"));
    Files.createSymbolicLink(bin.resolve("berth"), home.resolve("bin/berth"));
    Result r = run(List.of(bin.resolve("berth").toString(), "--version"), unpacked, javaOnlyEnvironment(false));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("berth " + VERSION), r.out());
  }

  @Test
  void demoRunsFromTheUnpackedDistribution() throws Exception {
    Path work = Files.createDirectories(unpacked.resolve("demo-work"));
    Result r = berth(work, "demo");
    assertEquals(0, r.exit(), r.err());
    List<String> rows = r.out().lines().skip(1).toList();
    assertEquals(3, rows.size(), r.out());
    for (String kind : List.of("helm", "wasm", "files")) {
      assertTrue(rows.stream().anyMatch(row -> row.startsWith(kind + " ") && row.contains("sha256:")), r.out());
    }
    assertTrue(r.err().contains("9 digests verified"), r.err());
    assertTrue(Files.isDirectory(work.resolve("berth-demo/pulled/demo-files")));
  }

  @Test
  void aMissingJavaHomeIsNamed() throws Exception {
    Map<String, String> env = javaOnlyEnvironment(false);
    env.put("JAVA_HOME", unpacked.resolve("no-such-jdk").toString());
    Result r = run(List.of(home.resolve("bin/berth").toString(), "--version"), unpacked, env);
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("berth: JAVA_HOME is " + unpacked.resolve("no-such-jdk")), r.err());
  }

  /** Runs bin/berth once with JAVA_HOME and once with only java on the PATH; both must agree. */
  private static Result berth(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/berth").toString());
    command.addAll(List.of(args));
    Result viaPath = run(command, dir, javaOnlyEnvironment(false));
    Result viaJavaHome = run(command, dir, javaOnlyEnvironment(true));
    assertEquals(viaPath.exit(), viaJavaHome.exit(), viaPath.err() + "\n---\n" + viaJavaHome.err());
    return viaJavaHome;
  }

  /**
   * An environment with nothing of the build in it: an empty HOME, no Maven, and java either from
   * JAVA_HOME or from a PATH directory holding only a link to it (plus the POSIX tools the script needs).
   */
  private static Map<String, String> javaOnlyEnvironment(boolean javaHome) throws IOException {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Path pathDir = unpacked.resolve("path-with-java");
    if (!Files.exists(pathDir.resolve("java"))) {
      Files.createDirectories(pathDir);
      Files.createSymbolicLink(pathDir.resolve("java"), javaBin);
    }
    Path emptyHome = Files.createDirectories(unpacked.resolve("home"));
    Map<String, String> env = new HashMap<>();
    env.put("HOME", emptyHome.toString());
    if (javaHome) {
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("PATH", "/usr/bin:/bin");
    } else {
      env.put("PATH", pathDir + ":/usr/bin:/bin");
    }
    return env;
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(List<String> command, Path dir, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    if (!env.isEmpty()) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Path out = Files.createTempFile(unpacked, "out", ".txt");
    Path err = Files.createTempFile(unpacked, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile()));
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within 3 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
