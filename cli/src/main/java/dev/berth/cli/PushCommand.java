package dev.berth.cli;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FileEntry;
import dev.berth.artifacts.files.FilePush;
import dev.berth.core.Descriptor;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.LocalFiles;
import dev.berth.core.copy.CopyOptions;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth push REF FILE...}: files and directories as an OCI artifact, the way oras pushes them. */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Push files and directories as one OCI artifact; prints its digest.",
        "Compatible with oras: each file becomes a layer titled by its name; a directory becomes a"
            + " reproducible tar+gzip layer that pull unpacks."})
final class PushCommand extends BerthCommand {
  /** A config is held in memory and pulled back with the same cap as a manifest's (4 MiB). */
  static final long MAX_CONFIG_BYTES = Contents.MAX_MANIFEST_BYTES;

  @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME[:TAG] or oci:PATH[:TAG].")
  String ref;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE[:MEDIATYPE]",
      description = "Files or directories; a suffix :TYPE/SUBTYPE sets the layer's media type.")
  List<String> files;

  @Option(names = "--artifact-type", paramLabel = "TYPE", defaultValue = MediaTypes.UNKNOWN_ARTIFACT,
      description = "The manifest's artifactType (default: ${DEFAULT-VALUE}).")
  String artifactType;

  @Option(names = {"-a", "--annotation"}, paramLabel = "KEY=VALUE", description = "A manifest annotation; repeatable.")
  Map<String, String> annotations = new LinkedHashMap<>();

  @Option(names = "--config", paramLabel = "FILE[:MEDIATYPE]", description = "A config blob instead of the empty one.")
  String config;

  @Mixin ConcurrencyOption concurrency;

  @Override
  protected int run(Session session) throws Exception {
    concurrency.apply(session, CopyOptions.builder()); // files pushed at once: the registry client's width
    TargetArg target = TargetArg.parse(ref);
    Args.tagOnly(target, "push", "the new manifest");
    FilePush.Builder request = FilePush.builder().artifactType(MediaTypes.check(artifactType, "--artifact-type"))
        .annotations(SourceAnnotation.withGitHubActionsSource(annotations, session.console()));
    for (String spec : files) {
      FileSpec f = FileSpec.parse(spec);
      LocalPaths.inputFileOrDirectory(f.path());
      request.add(f.mediaType() == null ? FileEntry.of(f.path()) : FileEntry.of(f.path(), f.mediaType()));
    }
    if (config != null) {
      FileSpec c = FileSpec.parse(config);
      byte[] bytes = LocalFiles.readRegularFile(LocalPaths.inputFile(c.path()), MAX_CONFIG_BYTES);
      request.config(bytes, c.mediaType() == null ? MediaTypes.UNKNOWN_CONFIG : c.mediaType());
    }
    ProgressBars bars = session.showProgress("push");
    Descriptor manifest = FileArtifacts.push(session.open(target, true), request.build(), target.tag());
    bars.finish();
    session.console().result(manifest.digest().toString());
    return ExitCodes.OK;
  }

  /**
   * {@code PATH[:TYPE/SUBTYPE]}, split without guessing. The text after the last colon is a media type
   * only if it has a '/' (so {@code C:\\x} and {@code a:b} stay paths). When the whole text also names
   * an existing file or directory, that path wins; when both readings name existing paths ({@code a} and
   * {@code a:b/c}), the spec is ambiguous and refused: append the media type to the whole path
   * ({@code a:b/c:application/vnd.oci.image.layer.v1.tar}), whose last colon then splits unambiguously.
   */
  record FileSpec(Path path, String mediaType) {
    static FileSpec parse(String spec) {
      return parse(spec, p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS));
    }

    static FileSpec parse(String spec, Predicate<Path> exists) {
      int colon = spec.lastIndexOf(':');
      boolean typed = colon > 0 && spec.indexOf('/', colon) > colon && !spec.substring(colon + 1).startsWith("/");
      if (!typed) {
        return new FileSpec(Path.of(spec), null);
      }
      Path whole = Path.of(spec);
      Path prefix = Path.of(spec.substring(0, colon));
      String suffix = spec.substring(colon + 1);
      if (exists.test(whole)) {
        if (MediaTypes.isValid(suffix) && exists.test(prefix)) {
          throw new IllegalArgumentException("\"" + spec + "\" is ambiguous: both " + whole + " and " + prefix
              + " (with media type " + suffix + ") exist; append the media type to the whole path"
              + " (\"" + spec + ":TYPE/SUBTYPE\") to push " + whole + ", or rename one");
        }
        return new FileSpec(whole, null);
      }
      String type = MediaTypes.check(suffix, "in " + spec + ", the type");
      return new FileSpec(prefix, type);
    }
  }
}
