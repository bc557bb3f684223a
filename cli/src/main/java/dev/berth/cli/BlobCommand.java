package dev.berth.cli;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestingInputStream;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.LocalFiles;
import dev.berth.core.content.Target;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth blob get|put}: single blobs by digest. */
@Command(name = "blob", mixinStandardHelpOptions = true,
    description = "Get or put a single blob by digest.",
    subcommands = {BlobCommand.Get.class, BlobCommand.Put.class})
final class BlobCommand {

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Download the blob REF@DIGEST names, verifying its digest, to -o FILE (or stdout).")
  static final class Get extends BerthCommand {
    @Parameters(index = "0", paramLabel = "REF@DIGEST", description = "HOST/NAME@DIGEST or oci:PATH@DIGEST.")
    String ref;

    @Mixin
    StdoutOrFile output;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg target = TargetArg.parse(ref);
      if (target.digest() == null) {
        throw new IllegalArgumentException(ref + " names no blob: add @sha256:...");
      }
      output.check();
      Target store = session.open(target, false);
      Descriptor blob = describe(store, target.digest());
      ProgressBars bars = session.showProgress("pull");
      try (InputStream in = store.fetch(blob)) {
        output.write(session.console(), in, blob.digest());
      }
      if (output.toFile()) {
        bars.onDone(blob); // on stdout the bytes are the result; a progress line would only be noise
      }
      return ExitCodes.OK;
    }

    /** The blob's descriptor: a HEAD on a registry, the blob file's size in a layout. */
    private static Descriptor describe(Target store, Digest digest) throws IOException {
      if (store instanceof Repository repo) {
        return repo.resolveBlob(digest);
      }
      if (store instanceof OciLayout layout) {
        return layout.resolveBlob(digest);
      }
      throw new IllegalStateException("unknown store " + store);
    }
  }

  @Command(name = "put", mixinStandardHelpOptions = true,
      description = "Upload FILE as a blob to REPO; prints its digest.")
  static final class Put extends BerthCommand {
    @Parameters(index = "0", paramLabel = "REPO", description = "HOST/NAME or oci:PATH.")
    String repo;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to upload.")
    Path file;

    @Option(names = "--media-type", paramLabel = "TYPE", defaultValue = "application/octet-stream",
        description = "Media type recorded in the descriptor (default: ${DEFAULT-VALUE}).")
    String mediaType;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg target = TargetArg.parse(repo);
      if (target.reference() != null) {
        throw new IllegalArgumentException("blob put takes a repository without a tag or digest: the blob is named by"
            + " its own digest (" + target.repositoryText() + ")");
      }
      Descriptor blob = describe(LocalPaths.inputFile(file), MediaTypes.check(mediaType, "--media-type"));
      Target store = session.open(target, true);
      ProgressBars bars = session.showProgress("push");
      try (InputStream in = LocalFiles.openRegularFile(file)) {
        store.push(blob, in);
      }
      bars.onDone(blob);
      session.console().result(blob.digest().toString());
      return ExitCodes.OK;
    }

    /** Hashes the file in one streaming pass: blobs may be larger than memory. */
    static Descriptor describe(Path file, String mediaType) throws IOException {
      try (DigestingInputStream in = new DigestingInputStream(LocalFiles.openRegularFile(file))) {
        in.transferTo(OutputStream.nullOutputStream());
        return Descriptor.of(mediaType, in.digest(), in.count());
      }
    }
  }
}
