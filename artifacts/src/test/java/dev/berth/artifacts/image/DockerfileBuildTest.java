package dev.berth.artifacts.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.Descriptor;
import dev.berth.core.Index;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.artifacts.internal.JsonDocuments;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each Dockerfile instruction does to the image, on an in-memory base. */
class DockerfileBuildTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64/v8");

  @TempDir Path tmp;
  private Path context;
  private MemoryStore base;

  @BeforeEach
  void setUp() throws IOException {
    base = new MemoryStore();
    ImageFixtures.pushBase(base, "1", false, AMD64, List.of(Map.of("etc/", "", "etc/motd", "hi\n")));
    context = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(context.resolve("app.py"), "print('hi')\n");
    Files.writeString(context.resolve("requirements.txt"), "pandas==1.3.5\n");
    Files.createDirectories(context.resolve("src/pkg"));
    Files.writeString(context.resolve("src/pkg/a.py"), "a\n");
    Files.writeString(context.resolve("src/pkg/b.txt"), "b\n");
    Files.writeString(context.resolve("src/secret.env"), "KEY=1\n");
    Files.writeString(context.resolve(".dockerignore"), "# secrets stay home\n**/*.env\n");
  }

  private BakedImage build(String dockerfile, MemoryStore target) throws IOException {
    return build(dockerfile, target, Map.of());
  }

  private BakedImage build(String dockerfile, MemoryStore target, Map<String, String> args) throws IOException {
    DockerfileBuild.Builder b = DockerfileBuild.builder(Dockerfile.parse(dockerfile), context).tempDir(tmp.resolve("w"));
    args.forEach(b::buildArg);
    DockerfileBuild build = b.build();
    // The memory store holds the base under its tag; a registry client would take the whole reference.
    String tag = build.baseReference().substring(build.baseReference().lastIndexOf(':') + 1);
    return build.build(base, tag, target, "v");
  }

  private static JsonNode config(MemoryStore store, BakedImage image) throws IOException {
    return JsonDocuments.nonEmptyTree(Contents.fetchAll(store, image.config(), 1 << 20), "test");
  }

  private static List<String> listing(MemoryStore store, Descriptor layer) throws IOException {
    List<String> out = new ArrayList<>();
    byte[] tar = ImageFixtures.gunzip(Contents.fetchAll(store, layer, 1 << 24));
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(e.getName() + " " + Integer.toOctalString(e.getMode() & 07777) + " " + e.getLongUserId() + ":"
            + e.getLongGroupId());
      }
    }
    return out;
  }

  @Test
  void configInstructionsFollowDockersRules() throws IOException {
    MemoryStore target = new MemoryStore();
    BakedImage image = build("""
        ARG TAG=1
        FROM base:${TAG} AS app
        ARG TAG
        ARG USER_ID=1000
        ENV APP_HOME=/srv/app PATH="/srv/app/bin:$PATH" \\
            TAG_SEEN=$TAG
        ENV LEGACY a value with spaces
        LABEL org.opencontainers.image.title="my app" version=$TAG
        WORKDIR $APP_HOME
        WORKDIR sub/../lib
        USER ${USER_ID}:${USER_ID}
        EXPOSE 8080 53/udp
        VOLUME ["/data"]
        VOLUME cache
        STOPSIGNAL SIGINT
        SHELL ["/bin/ash", "-c"]
        HEALTHCHECK --interval=30s --retries=3 CMD test -f $APP_HOME/ok
        CMD echo $APP_HOME
        ENTRYPOINT ["/bin/tini", "--"]
        """, target);
    JsonNode c = config(target, image).get("config");
    assertEquals("[\"PATH=/srv/app/bin:/usr/bin:/bin\",\"LANG=C.UTF-8\",\"APP_HOME=/srv/app\",\"TAG_SEEN=1\","
        + "\"LEGACY=a value with spaces\"]", c.get("Env").toString());
    assertEquals("{\"base\":\"yes\",\"org.opencontainers.image.title\":\"my app\",\"version\":\"1\"}",
        c.get("Labels").toString());
    assertEquals("/srv/app/lib", c.get("WorkingDir").asText());
    assertEquals("1000:1000", c.get("User").asText());
    assertEquals("{\"8080/tcp\":{},\"53/udp\":{}}", c.get("ExposedPorts").toString());
    assertEquals("{\"/data\":{},\"/srv/app/lib/cache\":{}}", c.get("Volumes").toString());
    assertEquals("SIGINT", c.get("StopSignal").asText());
    assertEquals("[\"/bin/ash\",\"-c\"]", c.get("Shell").toString());
    assertEquals("{\"Test\":[\"CMD-SHELL\",\"test -f $APP_HOME/ok\"],\"Interval\":30000000000,\"Retries\":3}",
        c.get("Healthcheck").toString());
    assertEquals("[\"/bin/ash\",\"-c\",\"echo $APP_HOME\"]", c.get("Cmd").toString(),
        "shell form uses SHELL; no build-time substitution; CMD set in this file survives ENTRYPOINT");
    assertEquals("[\"/bin/tini\",\"--\"]", c.get("Entrypoint").toString());
    assertEquals(List.of(), image.addedLayers());
    JsonNode history = config(target, image).get("history");
    JsonNode last = history.get(history.size() - 1);
    assertEquals("ENTRYPOINT [\"/bin/tini\", \"--\"] # berth", last.get("created_by").asText());
    assertTrue(last.get("empty_layer").asBoolean(), "a config-only instruction is an empty-layer entry, as in Docker");
    assertEquals("WORKDIR $APP_HOME # berth", history.get(history.size() - 11).get("created_by").asText());
  }

  @Test
  void entrypointDropsTheBasesCmdButBuildArgsOverrideDefaults() throws IOException {
    MemoryStore target = new MemoryStore();
    BakedImage image = build("FROM base:1\nARG WHO=world\nENV GREETING=hello-$WHO\nENTRYPOINT /bin/sh\n", target,
        Map.of("WHO", "berth"));
    JsonNode c = config(target, image).get("config");
    assertTrue(c.get("Cmd") == null, c.toString());
    assertEquals("[\"/bin/sh\",\"-c\",\"/bin/sh\"]", c.get("Entrypoint").toString());
    assertTrue(c.get("Env").toString().contains("GREETING=hello-berth"), c.toString());
  }

  @Test
  void copyAndAddPlaceFilesAsDockerDoes() throws IOException {
    ByteArrayOutputStream tarGz = new ByteArrayOutputStream();
    tarGz.write(ImageFixtures.gzip(ImageFixtures.tar(Map.of("vendor/", "", "vendor/lib.py", "lib\n"))));
    Files.write(context.resolve("vendor.tar.gz"), tarGz.toByteArray());
    MemoryStore target = new MemoryStore();
    BakedImage image = build("""
        FROM base:1
        WORKDIR /app
        COPY requirements.txt app.py ./
        COPY --chown=1000:1000 --chmod=750 src pkgsrc
        COPY src/pkg/*.py /opt/py/
        COPY app.py /usr/bin/app
        ADD vendor.tar.gz /opt/
        """, target);
    List<Descriptor> layers = image.addedLayers();
    assertEquals(5, layers.size());
    assertEquals(List.of("app/app.py 644 0:0", "app/requirements.txt 644 0:0"), listing(target, layers.get(0)));
    assertEquals(List.of("app/pkgsrc/ 750 1000:1000", "app/pkgsrc/pkg/ 750 1000:1000",
        "app/pkgsrc/pkg/a.py 750 1000:1000", "app/pkgsrc/pkg/b.txt 750 1000:1000"), listing(target, layers.get(1)),
        "a directory's contents, without what .dockerignore excludes");
    assertEquals(List.of("opt/py/a.py 644 0:0"), listing(target, layers.get(2)));
    assertEquals(List.of("usr/bin/app 644 0:0"), listing(target, layers.get(3)));
    assertEquals(List.of("opt/ 755 0:0", "opt/vendor/ 755 0:0", "opt/vendor/lib.py 644 0:0"),
        listing(target, layers.get(4)), "ADD unpacks a local tar");
    JsonNode history = config(target, image).get("history");
    assertEquals("COPY --chown=1000:1000 --chmod=750 src pkgsrc # berth",
        history.get(history.size() - 4).get("created_by").asText());
  }

  @Test
  void theSameInputsGiveTheSameDigestAndAChangeGivesAnother() throws IOException {
    String dockerfile = "FROM base:1\nCOPY . /app\nWORKDIR /app\nCMD [\"python3\", \"app.py\"]\n";
    BakedImage one = build(dockerfile, new MemoryStore());
    BakedImage two = build(dockerfile, new MemoryStore());
    assertEquals(one.manifest(), two.manifest());
    Files.writeString(context.resolve("app.py"), "print('changed')\n");
    assertNotEquals(one.manifest().digest(), build(dockerfile, new MemoryStore()).manifest().digest());
  }

  @Test
  void aMultiPlatformBaseGivesAnIndexWithPerPlatformArgs() throws IOException {
    ImageFixtures.Base amd = ImageFixtures.pushBase(base, "amd", false, AMD64, List.of(Map.of("a", "1")));
    ImageFixtures.Base arm = ImageFixtures.pushBase(base, "arm", false, ARM64, List.of(Map.of("a", "1")));
    ImageFixtures.pushIndex(base, "multi", false, List.of(amd.manifest().withPlatform(AMD64),
        arm.manifest().withPlatform(ARM64)));
    MemoryStore target = new MemoryStore();
    BakedImage image = build("FROM base:multi\nARG TARGETARCH\nENV ARCH=$TARGETARCH\nCOPY app.py /app/\n", target);
    Index index = Contents.fetchManifest(target, image.manifest()).index();
    assertEquals(2, index.manifests().size());
    assertEquals(1, image.addedLayers().size(), "one COPY layer blob for both platforms");
    assertTrue(config(target, image.platforms().get(0)).toString().contains("ARCH=amd64"));
    assertTrue(config(target, image.platforms().get(1)).toString().contains("ARCH=arm64"));
  }

  @Test
  void instructionsThatNeedARuntimeAreRefusedWithTheLineAndTheWayAround() {
    DockerfileException run = assertThrows(DockerfileException.class,
        () -> build("FROM base:1\nCOPY . /app\nRUN pip install pandas==1.3.5\n", new MemoryStore()));
    assertEquals(3, run.line());
    assertTrue(run.getMessage().contains("pip install --target"), run.getMessage());
    assertEquals(3, assertThrows(DockerfileException.class,
        () -> build("FROM base:1 AS b\nENV A=1\nFROM base:1\n", new MemoryStore())).line());
    assertTrue(assertThrows(DockerfileException.class,
        () -> build("FROM base:1\nCOPY --from=b /x /y\n", new MemoryStore())).getMessage().contains("--from"));
    assertTrue(assertThrows(DockerfileException.class,
        () -> build("FROM base:1\nCOPY --chown=app /x /y\n", new MemoryStore())).getMessage().contains("numbers"));
    assertTrue(assertThrows(DockerfileException.class,
        () -> build("FROM base:1\nCOPY ../outside /y\n", new MemoryStore())).getMessage().contains("outside"));
    assertTrue(assertThrows(DockerfileException.class,
        () -> build("FROM base:1\nCOPY src/secret.env /y\n", new MemoryStore())).getMessage()
            .contains(".dockerignore"));
    assertTrue(assertThrows(DockerfileException.class,
        () -> build("FROM base:1\nADD https://example.invalid/x /y\n", new MemoryStore())).getMessage()
            .contains("download"));
    assertTrue(assertThrows(DockerfileException.class,
        () -> build("ENV A=1\nFROM base:1\n", new MemoryStore())).getMessage().contains("before FROM"));
  }

  @Test
  void aTarToUnpackThatClimbsOutOrHoldsADeviceIsRefused() throws IOException {
    for (String[] bad : List.of(new String[] {"../escape.txt", "leaves the archive"},
        new String[] {"dev/null", "device"})) {
      // Written byte by byte: tar libraries tidy such names on the way in.
      byte[] raw = rawTar(bad[0], bad[1].equals("device") ? '3' : '0');
      Files.write(context.resolve("bad.tar"), raw);
      IOException e = assertThrows(IOException.class, () -> build("FROM base:1\nADD bad.tar /x/\n", new MemoryStore()));
      assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
    }
  }

  /** One ustar header (no content) and the end-of-archive blocks. */
  private static byte[] rawTar(String name, char type) {
    byte[] tar = new byte[512 * 3];
    byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(n, 0, tar, 0, n.length);
    put(tar, 100, "0000644");
    put(tar, 108, "0000000");
    put(tar, 116, "0000000");
    put(tar, 124, "00000000000");
    put(tar, 136, "00000000000");
    tar[156] = (byte) type;
    put(tar, 257, "ustar");
    put(tar, 263, "00");
    java.util.Arrays.fill(tar, 148, 156, (byte) ' ');
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += tar[i] & 0xff;
    }
    put(tar, 148, String.format("%06o", sum));
    tar[154] = 0;
    return tar;
  }

  private static void put(byte[] tar, int at, String text) {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, tar, at, b.length);
  }

  @Test
  void aBaseWithOnbuildTriggersIsRefusedAtFrom() throws IOException {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"OnBuild\":[\"RUN make\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Descriptor c = Contents.pushBytes(base, dev.berth.core.MediaTypes.OCI_CONFIG, config);
    Contents.pushManifest(base, dev.berth.core.EncodedManifest.of(dev.berth.core.Manifest.of(c, List.of())), "trigger");
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> build("# a comment\nFROM base:trigger\nENV A=1\n", new MemoryStore()));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("ONBUILD triggers") && e.getMessage().contains("RUN make"), e.getMessage());
  }

  @Test
  void aLinkOutOfTheContextIsRefused() throws IOException {
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "secret\n");
    Files.createSymbolicLink(context.resolve("link.txt"), outside);
    DockerfileException e = assertThrows(DockerfileException.class,
        () -> build("FROM base:1\nCOPY link.txt /y\n", new MemoryStore()));
    assertTrue(e.getMessage().contains("outside the build context"), e.getMessage());
  }
}
