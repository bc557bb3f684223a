package dev.berth.artifacts.files;

import dev.berth.artifacts.archive.EntryNames;
import dev.berth.artifacts.archive.SafeExtractor;
import dev.berth.artifacts.archive.StagingDirectory;
import dev.berth.artifacts.archive.TarArchiver;
import dev.berth.artifacts.archive.UnsafeArchiveException;
import dev.berth.artifacts.internal.InParallel;
import dev.berth.artifacts.internal.OneCall;
import dev.berth.artifacts.internal.OperationProgress;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.DigestingInputStream;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Reference;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ExitCleanup;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.content.TransferRetries;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Files and directories as OCI artifacts, compatible with {@code oras push} and {@code oras pull}.
 *
 * <p>Push: each file becomes a layer titled by {@code org.opencontainers.image.title}; a directory
 * becomes a reproducible tar+gzip layer whose entries are named {@code TITLE/...}, annotated with
 * {@code io.deis.oras.content.digest} (the uncompressed tar's digest) and {@code
 * io.deis.oras.content.unpack: "true"}. The manifest follows image-spec 1.1's artifact guidance: an
 * {@code artifactType} and the empty config, plus {@code org.opencontainers.image.created}.
 *
 * <p>Pull: writes each titled layer to {@code OUTDIR/TITLE} and unpacks directory layers, all through a
 * {@link StagingDirectory}: a failure (a bad digest, a hostile archive, an existing file without
 * overwrite) leaves the output directory as it was.
 *
 * <p>Both work on any {@link Target}: a registry repository, an OCI layout, memory. For a registry,
 * each also takes a {@link Reference} in one call, with a client built from the default credentials
 * ({@link #push(Reference, FilePush)}, {@link #pull(Reference, Path)}) or with a client of your own
 * ({@link #push(RegistryClient, Reference, FilePush)}):
 *
 * <pre>{@code
 * Reference ref = Reference.parse("ghcr.io/octo/site:v1");
 * FileArtifacts.push(ref, FilePush.builder().file(Path.of("README.md")).build());
 * PulledFiles pulled = FileArtifacts.pull(ref, Path.of("downloaded"));
 * }</pre>
 */
public final class FileArtifacts {
  private FileArtifacts() {}

  /**
   * Pushes {@code request} to the registry repository {@code ref} names, tagged with its tag (untagged
   * when it has none), in one call: the client is the one the CLI uses without flags, https with the
   * default credential chain (docker's config.json and its credential helpers, podman's and Helm's
   * logins, then {@code GITHUB_TOKEN}). It shares berth's process-wide connection pool, so nothing is
   * left open to close. For plain HTTP, an own CA, proxy or OkHttp client, use {@link
   * #push(RegistryClient, Reference, FilePush)}.
   *
   * @return the manifest's descriptor
   * @throws IllegalArgumentException when {@code ref} holds a digest (a push's digest is computed from
   *     its content), or two entries have the same title
   * @throws UnsafeArchiveException when a title is absolute or has a {@code ..} segment
   * @throws IOException when a file cannot be read or the registry refuses (an {@link
   *     dev.berth.core.OciException} subtype says why)
   */
  public static Descriptor push(Reference ref, FilePush request) throws IOException {
    return push(OneCall.defaultClient(), ref, request);
  }

  /**
   * Pushes {@code request} to the repository {@code ref} names through {@code client}, tagged with
   * {@code ref}'s tag (untagged when it has none). The same as {@code push(client.repository(ref),
   * request, ref.tag())} after checking that {@code ref} holds no digest.
   *
   * @return the manifest's descriptor
   * @throws IllegalArgumentException when {@code ref} holds a digest, or two entries have the same title
   * @throws UnsafeArchiveException when a title is absolute or has a {@code ..} segment
   * @throws IOException when a file cannot be read or the registry refuses
   */
  public static Descriptor push(RegistryClient client, Reference ref, FilePush request) throws IOException {
    String tag = OneCall.tagToPush(ref);
    return push(client.repository(ref), request, tag);
  }

  /**
   * Pushes the files and directories of {@code request} and a manifest for them, tagged {@code
   * tag} when it is not null. Blobs already present are not uploaded again. Several entries are
   * pushed at once: to a registry, as many as its client's {@link Repository#concurrency()}; elsewhere
   * {@value CopyOptions#DEFAULT_CONCURRENCY}. To a registry, a one-file push with a tag costs a HEAD,
   * POST and PUT for the file and one PUT of the manifest under its tag (plus the config, once per
   * repository and client).
   *
   * @return the manifest's descriptor
   * @throws UnsafeArchiveException when a title is absolute or has a {@code ..} segment
   * @throws IllegalArgumentException when two entries have the same title
   */
  public static Descriptor push(Target destination, FilePush request, @Nullable String tag) throws IOException {
    checkTitles(request.entries());
    Target target = OperationProgress.on(destination, request.progressListener());
    List<Path> temps = Collections.synchronizedList(new ArrayList<>());
    try {
      // Entries side by side, as many at once as the registry client moves blobs (oras pushes 3).
      int width = target instanceof Repository repository ? repository.concurrency() : CopyOptions.DEFAULT_CONCURRENCY;
      List<Descriptor> layers = new ArrayList<>(InParallel.map(request.entries(), width,
          e -> pushEntry(target, e, temps)));
      Descriptor config;
      byte[] configBytes = request.config();
      String configType = request.configMediaType();
      if (configBytes == null || configType == null) { // the builder sets both or neither
        config = Descriptor.EMPTY_JSON;
        Contents.pushBytesIfAbsent(target, config, Descriptor.emptyJsonContent());
      } else {
        config = Descriptor.of(configType, configBytes);
        Contents.pushBytesIfAbsent(target, config, configBytes);
      }
      if (!request.configAnnotations().isEmpty()) {
        config = config.withAnnotations(new TreeMap<>(request.configAnnotations()));
      }
      if (layers.isEmpty()) {
        // image-spec 1.1: an artifact without blobs carries the empty descriptor as its one layer.
        Contents.pushBytesIfAbsent(target, Descriptor.EMPTY_JSON, Descriptor.emptyJsonContent());
        layers.add(Descriptor.EMPTY_JSON);
      }
      Map<String, String> annotations = new TreeMap<>();
      Instant created = request.created() != null ? request.created() : Instant.now();
      annotations.put(Descriptor.ANNOTATION_CREATED, created.truncatedTo(ChronoUnit.SECONDS).toString());
      annotations.putAll(request.manifestAnnotations());
      Manifest m = new Manifest(2, MediaTypes.OCI_MANIFEST, request.artifactType(), config, layers, null,
          annotations);
      EncodedManifest encoded = EncodedManifest.of(m);
      Contents.pushManifest(target, encoded, tag);
      return encoded.descriptor();
    } finally {
      for (Path t : temps) {
        Files.deleteIfExists(t);
        ExitCleanup.release(t);
      }
    }
  }

  /**
   * Pulls the artifact {@code ref} names (its digest when it has one, else its tag) into {@code
   * outputDir} with the {@link FilePullOptions#defaults() default options} (an existing file fails the
   * pull), in one call with a client built from the default credentials as {@link #push(Reference,
   * FilePush)} does.
   *
   * @throws IllegalArgumentException when {@code ref} names neither a tag nor a digest
   * @throws java.nio.file.FileAlreadyExistsException when a file exists (nothing is written)
   * @throws UnsafeArchiveException when a title or an archive entry would escape the output directory
   * @throws UnsupportedException when the reference names an index rather than a manifest
   * @throws IOException when the registry refuses or the content does not match its digest
   */
  public static PulledFiles pull(Reference ref, Path outputDir) throws IOException {
    return pull(ref, outputDir, FilePullOptions.defaults());
  }

  /**
   * As {@link #pull(Reference, Path)} with these options.
   *
   * @throws IllegalArgumentException when {@code ref} names neither a tag nor a digest
   * @throws java.nio.file.FileAlreadyExistsException when a file exists and overwrite is off
   * @throws UnsafeArchiveException when a title or an archive entry would escape the output directory
   * @throws UnsupportedException when the reference names an index rather than a manifest
   * @throws IOException when the registry refuses or the content does not match its digest
   */
  public static PulledFiles pull(Reference ref, Path outputDir, FilePullOptions options) throws IOException {
    return pull(OneCall.defaultClient(), ref, outputDir, options);
  }

  /**
   * Pulls the artifact {@code ref} names (its digest when it has one, else its tag) into {@code
   * outputDir} through {@code client}: {@code pull(client.repository(ref), ref.reference(), outputDir,
   * options)} after checking that {@code ref} names something to pull.
   *
   * @throws IllegalArgumentException when {@code ref} names neither a tag nor a digest
   * @throws java.nio.file.FileAlreadyExistsException when a file exists and overwrite is off
   * @throws UnsafeArchiveException when a title or an archive entry would escape the output directory
   * @throws UnsupportedException when the reference names an index rather than a manifest
   * @throws IOException when the registry refuses or the content does not match its digest
   */
  public static PulledFiles pull(RegistryClient client, Reference ref, Path outputDir, FilePullOptions options)
      throws IOException {
    String reference = OneCall.toPull(ref);
    return pull(client.repository(ref), reference, outputDir, options);
  }

  /**
   * Pulls the artifact {@code reference} (a tag or digest) names into {@code outputDir}: each titled
   * layer to {@code outputDir/TITLE}, directory layers unpacked there. Layers without a title are
   * skipped, as oras does. All or nothing: on failure the output directory is unchanged.
   *
   * @throws UnsafeArchiveException when a title or an archive entry would escape the output directory
   * @throws java.nio.file.FileAlreadyExistsException when a file exists and overwrite is off
   * @throws UnsupportedException when the reference names an index rather than a manifest
   */
  public static PulledFiles pull(ReadOnlyTarget from, String reference, Path outputDir, FilePullOptions options)
      throws IOException {
    ReadOnlyTarget source = OperationProgress.on(from, options.progressListener());
    EncodedManifest encoded = Contents.fetchReference(source, reference); // one GET, no HEAD first
    Descriptor root = encoded.descriptor();
    if (encoded.isIndex()) {
      throw new UnsupportedException(reference + " is an index (" + root.digest()
          + "); pull one of its manifests by digest");
    }
    Manifest m = encoded.manifest();
    List<Descriptor> titled = new ArrayList<>();
    List<Descriptor> skipped = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Descriptor layer : m.layers()) {
      String title = layer.title();
      if (title == null || title.isEmpty()) {
        skipped.add(layer);
        continue;
      }
      if (!seen.add(EntryNames.normalize(title))) {
        throw new UnsafeArchiveException(title, "two layers have this title");
      }
      titled.add(layer);
    }
    for (Descriptor layer : titled) {
      // A plain file's place is known from the manifest: refuse before downloading, not after.
      if (!"true".equals(layer.annotation(OrasAnnotations.CONTENT_UNPACK))) {
        StagingDirectory.checkFileCanLand(outputDir, EntryNames.normalize(layer.title()), options.overwrite());
      }
    }
    List<PulledFiles.PulledFile> files = new ArrayList<>();
    try (StagingDirectory staging = StagingDirectory.create(outputDir)) {
      for (Descriptor layer : titled) {
        String title = EntryNames.normalize(layer.title());
        boolean unpack = "true".equals(layer.annotation(OrasAnnotations.CONTENT_UNPACK));
        if (unpack) {
          unpackLayer(source, layer, title, staging, options);
        } else {
          TransferRetries.fetchTo(source, layer, staging.newFile(title));
        }
        files.add(new PulledFiles.PulledFile(title, staging.destination().resolve(title), layer, unpack));
      }
      staging.commit(options.overwrite());
    }
    return new PulledFiles(root, files, skipped);
  }

  private static Descriptor pushEntry(Target target, FileEntry e, List<Path> temps) throws IOException {
    String title = EntryNames.normalize(e.title());
    Map<String, String> annotations = new TreeMap<>(e.annotations());
    annotations.put(Descriptor.ANNOTATION_TITLE, title);
    Path content;
    String mediaType;
    if (Files.isDirectory(e.path())) {
      content = DirectoryArchives.createTempFile();
      temps.add(content);
      TarArchiver.Result r = TarArchiver.builder().prefix(title).build().writeTo(e.path(), content);
      annotations.put(OrasAnnotations.CONTENT_DIGEST, r.tarDigest().toString());
      annotations.put(OrasAnnotations.CONTENT_UNPACK, "true");
      mediaType = e.mediaType() != null ? e.mediaType() : MediaTypes.OCI_LAYER_TAR_GZIP;
    } else {
      content = e.path();
      mediaType = e.mediaType() != null ? e.mediaType() : MediaTypes.OCI_LAYER_TAR;
    }
    Descriptor d = Contents.describeFile(mediaType, content).withAnnotations(annotations);
    Contents.pushFileIfAbsent(target, d, content);
    return d;
  }

  private static void unpackLayer(ReadOnlyTarget source, Descriptor layer, String title, StagingDirectory staging,
      FilePullOptions options) throws IOException {
    // Download (and verify) first: an archive is only trusted once its digest matched.
    Path blob = Files.createTempFile(staging.scratch(), "layer-", ".blob");
    TransferRetries.fetchTo(source, layer, blob);
    SafeExtractor extractor = SafeExtractor.builder()
        .requirePrefix(title)
        .maxBytes(options.maxUnpackedBytes())
        .maxEntries(options.maxEntries())
        .build();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(blob), 65536)) {
      InputStream tar = isGzip(raw) ? new GZIPInputStream(raw, 65536) : raw;
      DigestingInputStream digesting = new DigestingInputStream(tar);
      extractor.extractInto(digesting, staging.root());
      String expected = layer.annotation(OrasAnnotations.CONTENT_DIGEST);
      if (expected != null) {
        Digest want = Digest.parse(expected);
        if (want.algorithm().equals(digesting.algorithm()) && !want.equals(digesting.digest())) {
          throw new DigestMismatchException(
              Descriptor.of(MediaTypes.OCI_LAYER_TAR, want, digesting.count()), digesting.digest());
        }
      }
    }
    Files.delete(blob);
    if (!Files.isDirectory(staging.root().resolve(title))) {
      // oras creates the directory even for an archive without a root entry; so do we.
      Files.createDirectories(staging.root().resolve(title));
    }
  }

  private static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b;
  }

  private static void checkTitles(List<FileEntry> entries) throws UnsafeArchiveException {
    Set<String> titles = new HashSet<>();
    for (FileEntry e : entries) {
      String t = EntryNames.normalize(e.title());
      if (t.isEmpty()) {
        throw new UnsafeArchiveException(e.title(), "title names no file");
      }
      if (!titles.add(t)) {
        throw new IllegalArgumentException("two entries are titled \"" + t + "\"");
      }
    }
  }
}
