package dev.berth.cli;

import dev.berth.artifacts.archive.TarArchiver;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real, minimal linux/amd64 image (one layer holding one file), pushed for tests to copy and bake on. */
public final class TestImages {
  private TestImages() {}

  public static Descriptor pushBaseImage(Target target, String tag, Path scratch) throws IOException {
    Path root = Files.createDirectories(scratch.resolve("base-rootfs"));
    Files.writeString(Files.createDirectories(root.resolve("etc")).resolve("os-release"), "NAME=berth-test\n");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    TarArchiver.Result tar = TarArchiver.builder().gzip(true).build().write(root, gz);
    Descriptor layer = Contents.pushBytes(target, MediaTypes.OCI_LAYER_TAR_GZIP, gz.toByteArray());
    String config = """
        {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/bin:/bin"]},\
        "rootfs":{"type":"layers","diff_ids":["%s"]},\
        "history":[{"created_by":"berth test fixture"}]}""".formatted(tar.tarDigest());
    Descriptor configDesc = Contents.pushBytes(target, MediaTypes.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8));
    EncodedManifest manifest = EncodedManifest.of(Manifest.of(configDesc, List.of(layer)));
    Contents.pushManifest(target, manifest, tag);
    return manifest.descriptor();
  }
}
