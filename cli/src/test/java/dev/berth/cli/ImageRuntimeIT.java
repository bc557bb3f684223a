package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.layout.OciLayout;
import dev.berth.testkit.Podman;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.Umoci;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's workflow end to end in a real runtime: a base image made by umoci from Debian's static
 * busybox (an index of linux/amd64 and linux/arm64, the latter a label only), pushed to a real
 * docker-registry; {@code berth image append} bakes a dependency layer and an app layer onto it and
 * {@code berth image build} builds a Dockerfile on it; podman pulls both (its platform out of berth's
 * index) and runs them, and their output shows that workdir, user, env substitution, per-layer
 * destinations and owners, whiteouts, ADD of a tar, .dockerignore and the command all landed.
 */
class ImageRuntimeIT {
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static RegistryServer registry;

  @TempDir static Path tmp;

  @BeforeAll
  static void startRegistry() {
    registry = RegistryServer.start();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /** An OCI layout tagged "multi": busybox with /etc/motd, for amd64 and (in name) arm64. */
  private static Path busyboxBase() throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("base-rootfs"));
    Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
    for (String applet : List.of("sh", "cat", "id", "stat", "test", "ls", "pwd", "echo")) {
      Files.createSymbolicLink(rootfs.resolve("bin/" + applet), Path.of("busybox"));
    }
    Files.writeString(Files.createDirectories(rootfs.resolve("etc")).resolve("motd"), "welcome\n");
    Path layout = tmp.resolve("base-layout");
    Umoci umoci = Umoci.create();
    umoci.init(layout);
    OciLayout oci = OciLayout.open(layout);
    List<Descriptor> entries = new java.util.ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      umoci.newImage(layout, arch);
      umoci.run("insert", "--rootless", "--image", layout + ":" + arch, rootfs + "/bin", "/bin");
      umoci.run("insert", "--rootless", "--image", layout + ":" + arch, rootfs + "/etc", "/etc");
      umoci.run("config", "--image", layout + ":" + arch, "--architecture", arch, "--os", "linux",
          "--config.env", "PATH=/usr/bin:/bin", "--config.cmd", "/bin/sh");
      entries.add(oci.resolve(arch).withPlatform(Platform.of("linux", arch, null)));
    }
    Contents.pushManifest(oci, EncodedManifest.of(Index.of(entries)), "multi");
    return layout;
  }

  @Test
  void appendedAndBuiltImagesRunInPodman() throws Exception {
    BerthJar berth = new BerthJar(tmp);
    Podman podman = Podman.create(tmp.resolve("podman"));
    String host = registry.host();
    Path cwd = berth.workDir();
    BerthJar.Result cp = berth.run("--plain-http", "cp", "oci:" + busyboxBase() + ":multi", host + "/it/base:1");
    assertEquals(0, cp.exit(), cp.toString());

    // The seed's two layers: a dependency installed into a directory on the host, and the app.
    Files.writeString(Files.createDirectories(cwd.resolve("deps/lib")).resolve("dep.txt"), "pandas 1.3.5\n");
    Path tool = Files.writeString(Files.createDirectories(cwd.resolve("deps/bin")).resolve("dep-tool"),
        "#!/bin/sh\necho dep-tool ran\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path run = Files.writeString(Files.createDirectories(cwd.resolve("app")).resolve("run.sh"), """
        #!/bin/sh
        echo "pwd=$(pwd) uid=$(id -u):$(id -g) path=$PATH"
        test -e /etc/motd && echo motd=present || echo motd=gone
        echo "dep=$(cat /opt/deps/lib/dep.txt) owner=$(stat -c %u:%g:%a /app/run.sh)"
        dep-tool
        """);
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    BerthJar.Result append = berth.run("--plain-http", "image", "append", host + "/it/base:1", host + "/it/app:1",
        "--layer", "deps:/opt/deps", "--layer", "app:/app", "--chown", "1000:1000", "--chmod", "750",
        "--remove", "/etc/motd", "--env", "PATH=/opt/deps/bin:$PATH", "--workdir", "/app", "--user", "1000:1000",
        "--entrypoint", "/app/run.sh");
    assertEquals(0, append.exit(), append.toString());
    assertEquals(List.of("pwd=/app uid=1000:1000 path=/opt/deps/bin:/usr/bin:/bin", "motd=gone",
        "dep=pandas 1.3.5 owner=1000:1000:750", "dep-tool ran"), podman.run(host + "/it/app:1").lines().toList());

    // Both platforms, one blob per added layer.
    BerthJar.Result index = berth.run("--plain-http", "manifest", "get", host + "/it/app:1");
    Index baked = EncodedManifest.wrap(MediaTypes.OCI_INDEX, index.out().getBytes(StandardCharsets.UTF_8)).index();
    assertEquals(List.of("linux/amd64", "linux/arm64"), baked.manifests().stream().map(d -> d.platform().toString()).toList());
    List<List<Descriptor>> layers = new java.util.ArrayList<>();
    for (Descriptor d : baked.manifests()) {
      BerthJar.Result m = berth.run("--plain-http", "manifest", "get", host + "/it/app@" + d.digest());
      Manifest manifest = EncodedManifest.wrap(null, m.out().getBytes(StandardCharsets.UTF_8)).manifest();
      layers.add(manifest.layers().subList(manifest.layers().size() - 3, manifest.layers().size()));
    }
    assertEquals(layers.get(0), layers.get(1), "the added layers are the same blobs on both platforms");

    // berth image build: the application image from a Dockerfile, no RUN.
    Path context = Files.createDirectories(cwd.resolve("ctx"));
    Path greet = Files.writeString(Files.createDirectories(context.resolve("bin")).resolve("greet.sh"),
        "#!/bin/sh\necho greet ran as $(id -u) in $(pwd)\n");
    Files.setPosixFilePermissions(greet, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(context.resolve("notes.txt"), "notes\n");
    Files.writeString(context.resolve("secret.txt"), "do not ship\n");
    Files.writeString(context.resolve(".dockerignore"), "secret*\n");
    Files.write(context.resolve("data.tar.gz"), tarGz("x/file.txt", "from the tar\n"));
    Files.writeString(context.resolve("Containerfile"), """
        # syntax=docker/dockerfile:1
        ARG BASE
        FROM ${BASE}
        ARG GREETING=hello
        ENV MESSAGE="$GREETING from berth" \\
            PATH=/srv/bin:$PATH
        WORKDIR /srv
        COPY --chown=1000:1000 bin/ bin/
        COPY *.txt ./
        ADD data.tar.gz data/
        USER 1000
        CMD echo "$MESSAGE" && cat data/x/file.txt notes.txt && ls && greet.sh
        """);
    BerthJar.Result build = berth.run("--plain-http", "image", "build", "ctx", host + "/it/built:1",
        "--build-arg", "BASE=" + host + "/it/base:1", "--build-arg", "GREETING=hi");
    assertEquals(0, build.exit(), build.toString());
    assertEquals(List.of("hi from berth", "from the tar", "notes", "bin", "data", "notes.txt",
        "greet ran as 1000 in /srv"), podman.run(host + "/it/built:1").lines().toList());
    BerthJar.Result again = berth.run("--plain-http", "image", "build", "ctx", host + "/it/built:2",
        "--build-arg", "BASE=" + host + "/it/base:1", "--build-arg", "GREETING=hi");
    assertEquals(build.line(), again.line(), "the same Dockerfile and context give the same digest");

    Files.writeString(context.resolve("Dockerfile"), "FROM " + host + "/it/base:1\nCOPY . /srv\nRUN pip install x\n");
    BerthJar.Result refused = berth.run("--plain-http", "image", "build", "-f", "ctx/Dockerfile", "ctx",
        host + "/it/refused:1");
    assertEquals(ExitCodes.USAGE, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("Dockerfile line 3: RUN"), refused.toString());
  }

  private static byte[] tarGz(String name, String content) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry dir = new TarArchiveEntry("x/");
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(bytes.length);
      e.setMode(0100644);
      tar.putArchiveEntry(e);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
    return out.toByteArray();
  }
}
