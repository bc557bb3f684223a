package dev.berth.cli;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.LocalFiles;
import dev.berth.core.content.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth manifest get|put|delete}: manifests as exact bytes. */
@Command(name = "manifest", mixinStandardHelpOptions = true,
    description = "Get, put or delete a manifest or index as its exact bytes.",
    subcommands = {ManifestCommand.Get.class, ManifestCommand.Put.class, ManifestCommand.Delete.class})
final class ManifestCommand {

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Write the manifest REF names to stdout (or -o FILE), byte for byte.")
  static final class Get extends BerthCommand {
    @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME:TAG, HOST/NAME@DIGEST or oci:PATH:TAG.")
    String ref;

    @Mixin
    StdoutOrFile output;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg target = TargetArg.parse(ref);
      output.check();
      Target store = session.open(target, false);
      EncodedManifest m = Contents.fetchManifest(store, store.resolve(Args.reference(target)));
      output.write(session.console(), m.openStream(), m.digest());
      return ExitCodes.OK;
    }
  }

  @Command(name = "put", mixinStandardHelpOptions = true,
      description = "Push FILE as a manifest to REF (its tag, or by digest when REF has none); prints the digest.")
  static final class Put extends BerthCommand {
    @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME[:TAG] or oci:PATH[:TAG].")
    String ref;

    @Parameters(index = "1", paramLabel = "FILE", description = "The manifest JSON, pushed byte for byte.")
    Path file;

    @Option(names = "--media-type", paramLabel = "TYPE",
        description = "The manifest's media type (default: its mediaType field).")
    String mediaType;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg target = TargetArg.parse(ref);
      Args.tagOnly(target, "manifest put", "the file");
      if (mediaType != null) {
        MediaTypes.check(mediaType, "--media-type");
      }
      EncodedManifest m = EncodedManifest.wrap(mediaType, LocalFiles.readRegularFile(LocalPaths.inputFile(file),
          Contents.MAX_MANIFEST_BYTES));
      Contents.pushManifest(session.open(target, true), m, target.tag());
      session.console().result(m.digest().toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete the manifest REF names (and every tag pointing at it); prints its digest.")
  static final class Delete extends BerthCommand {
    @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME:TAG, HOST/NAME@DIGEST or oci:PATH:TAG.")
    String ref;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg target = TargetArg.parse(ref);
      if (target instanceof TargetArg.Remote remote && isGhcr(remote.host())) {
        // ghcr.io answers the registry API's DELETE with 405 UNSUPPORTED; GitHub's packages API deletes.
        throw new IllegalStateException("ghcr.io does not delete through the registry API; use: berth packages"
            + " delete " + remote.ref().withoutTagOrDigest() + (remote.digest() != null ? "@" + remote.digest()
                : remote.tag() != null ? ":" + remote.tag() : ""));
      }
      Target store = session.open(target, true);
      Descriptor d = store.resolve(Args.reference(target));
      Args.deleter(store, target).delete(d);
      session.console().result(d.digest().toString());
      return ExitCodes.OK;
    }
  }

  private static boolean isGhcr(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("ghcr.io") || h.endsWith(".ghcr.io");
  }
}
