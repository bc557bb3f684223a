package dev.berth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.demo.DemoInputs;
import dev.berth.core.remote.RegistryClient;
import dev.berth.testkit.RegistryServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth as a JPMS user meets it: src/test/modular-app (a module that {@code requires dev.berth.artifacts})
 * is compiled with javac and run with java, both on the module path made of berth's jars and their
 * runtime dependencies (target/modulepath.txt, written by the build), against a real registry. It pushes
 * and pulls a directory of files, a Helm chart and a wasm module.
 */
class ModulePathIT {
  private static final Path APP_SOURCES = Path.of("src/test/modular-app");
  private static final Path MODULE_PATH_FILE = Path.of("target/modulepath.txt");
  private static RegistryServer registry;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void anApplicationOnTheModulePathPushesAndPullsFilesAChartAndAWasmModule() throws Exception {
    String modulePath = modulePath();
    Path classes = tmp.resolve("app");
    Result javac = run(List.of(tool("javac"), "--module-path", modulePath, "-d", classes.toString(),
        "-Xlint:all", "-Werror",
        APP_SOURCES.resolve("module-info.java").toString(),
        APP_SOURCES.resolve("dev/berth/modapp/RoundTrip.java").toString()));
    assertEquals(0, javac.exit(), javac.err());

    DemoInputs inputs = DemoInputs.write(tmp.resolve("inputs"));
    Result app = run(List.of(tool("java"), "--module-path", modulePath + File.pathSeparator + classes,
        "-m", "dev.berth.modapp/dev.berth.modapp.RoundTrip", registry.host(), inputs.chartDir().toString(),
        inputs.wasmFile().toString(), inputs.filesDir().toString(), tmp.resolve("work").toString()));
    assertEquals(0, app.exit(), app.out() + app.err());

    List<String> lines = app.out().lines().toList();
    assertEquals(4, lines.size(), app.out());
    // What the application printed is what the registry holds.
    RegistryClient client = RegistryClient.builder().plainHttp(registry.host()).build();
    assertEquals("files " + client.repository(registry.host() + "/modapp/files").resolve("v1").digest(),
        lines.get(0));
    assertEquals("chart " + client.repository(registry.host() + "/modapp/charts/" + DemoInputs.CHART_NAME)
        .resolve(DemoInputs.CHART_VERSION).digest(), lines.get(1));
    assertEquals("wasm " + client.repository(registry.host() + "/modapp/wasm").resolve("v1").digest(),
        lines.get(2));
    assertEquals("module dev.berth.core exports internal: false", lines.get(3));
  }

  @Test
  void internalPackagesAreNotVisibleToApplications() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/dev/berth/sneaky"));
    Files.writeString(tmp.resolve("src/module-info.java"), "module dev.berth.sneaky { requires dev.berth.artifacts; }");
    Files.writeString(src.resolve("Sneaky.java"),
        "package dev.berth.sneaky; class Sneaky { Object o = dev.berth.core.internal.Json.mapper(); }");
    Result javac = run(List.of(tool("javac"), "--module-path", modulePath(), "-d", tmp.resolve("out").toString(),
        tmp.resolve("src/module-info.java").toString(), src.resolve("Sneaky.java").toString()));
    assertEquals(1, javac.exit(), javac.out() + javac.err());
    assertTrue(javac.err().contains("package dev.berth.core.internal is not visible"), javac.err());
  }

  /**
   * An application that also depends on OkHttp 4 ({@code com.squareup.okhttp3:okhttp:4.12.0}, a different
   * artifactId from berth's okhttp-jvm 5) gets both on its class path; berth must refuse to build a client
   * then, naming both versions and the fix, rather than run on a mix of the two.
   */
  @Test
  void okHttp4BesideBerthOnAClassPathFailsAtBuildNamingBothVersions() throws Exception {
    Path okHttp4 = Path.of("target/okhttp4/okhttp-4.12.0.jar");
    assertTrue(Files.isRegularFile(okHttp4), okHttp4 + " is copied there by the build");
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("App.java"), """
        public class App {
          public static void main(String[] args) {
            dev.berth.core.remote.RegistryClient.builder().build();
            System.out.println("built");
          }
        }
        """);
    Path classes = tmp.resolve("classes");
    String berth = modulePath();
    Result javac = run(List.of(tool("javac"), "-cp", berth, "-d", classes.toString(),
        src.resolve("App.java").toString()));
    assertEquals(0, javac.exit(), javac.err());

    String classPath = String.join(File.pathSeparator, okHttp4.toString(), berth, classes.toString());
    Result app = run(List.of(tool("java"), "-cp", classPath, "App"));
    assertEquals(1, app.exit(), app.out() + app.err());
    String err = app.err();
    assertTrue(err.contains("IllegalStateException: OkHttp is on the class path more than once: OkHttp 4.12.0 ("),
        err);
    assertTrue(err.contains("and OkHttp 5.") && err.contains("exclude com.squareup.okhttp3:okhttp (4.x)"), err);

    // Without OkHttp 4 the same application builds its client.
    Result fixed = run(List.of(tool("java"), "-cp", berth + File.pathSeparator + classes, "App"));
    assertEquals(0, fixed.exit(), fixed.err());
    assertEquals("built\n", fixed.out());
  }

  private static String modulePath() throws IOException {
    assertTrue(Files.isRegularFile(MODULE_PATH_FILE), MODULE_PATH_FILE + " is written by the build (package)");
    String path = Files.readString(MODULE_PATH_FILE).strip();
    assertTrue(path.contains("berth-artifacts"), path);
    return path;
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private record Result(int exit, String out, String err) {}

  private Result run(List<String> command) throws Exception {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish within 3 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
