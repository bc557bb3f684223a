package dev.berth.artifacts.helm;

import dev.berth.artifacts.archive.EntryNames;
import dev.berth.artifacts.archive.StagingDirectory;
import dev.berth.artifacts.archive.UnsafeArchiveException;
import dev.berth.artifacts.internal.OneCall;
import dev.berth.artifacts.internal.OperationProgress;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ExitCleanup;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.TagLister;
import dev.berth.core.content.Target;
import dev.berth.core.content.TransferRetries;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Helm charts in OCI registries, compatible with {@code helm push} and {@code helm pull} (Helm's {@code
 * pkg/registry}). A chart lives in the repository {@code NAMESPACE/CHARTNAME} under the tag of its
 * version ({@code +} written as {@code _}, which tags cannot hold); the manifest's config is the chart
 * metadata as JSON ({@code application/vnd.cncf.helm.config.v1+json}), its layers the packaged chart
 * ({@code application/vnd.cncf.helm.chart.content.v1.tar+gzip}) and optionally the provenance file.
 *
 * <pre>{@code
 * Path tgz = HelmPackager.packageChart(Path.of("mychart"), Path.of("dist"));
 * ChartMetadata meta = ChartArchive.readMetadata(tgz);
 * Repository repo = client.repository(HelmCharts.chartRepository("oci://ghcr.io/acme/charts", meta.name()));
 * HelmCharts.push(repo, tgz, HelmPushOptions.defaults());
 * HelmCharts.pull(repo, "^1.2", Path.of("downloads"), HelmPullOptions.defaults());
 * }</pre>
 */
public final class HelmCharts {
  /** The chart layer type Helm wrote before 3.8, which Helm still reads (with a warning). */
  public static final String LEGACY_CHART_LAYER = "application/tar+gzip";
  /** Cap on the config blob read into memory: chart metadata is a few KiB. */
  private static final long MAX_CONFIG_BYTES = 4L << 20;

  private HelmCharts() {}

  /** {@code oci://HOST/NS} and a chart name to {@code HOST/NS/NAME}, the repository to push to. */
  public static String chartRepository(String ociNamespace, String chartName) {
    String s = ociNamespace.startsWith("oci://") ? ociNamespace.substring("oci://".length()) : ociNamespace;
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "/" + chartName;
  }

  /** The tag a chart version is stored under: {@code +} becomes {@code _} (Helm issue 10166). */
  public static String tagOf(String version) {
    return version.replace('+', '_');
  }

  /**
   * Pushes a packaged chart or a chart directory to {@code NAMESPACE/CHARTNAME:VERSION}, as {@code helm
   * push CHART oci://NAMESPACE} does: the repository is named after the chart. One call, with the client
   * the CLI builds without flags (https, {@link dev.berth.auth.CredentialProvider#defaults()}), which
   * leaves nothing to close.
   *
   * @param ociNamespace {@code oci://HOST/NAMESPACE} (the scheme may be left out)
   */
  public static HelmPushResult push(String ociNamespace, Path chart, HelmPushOptions options) throws IOException {
    return push(OneCall.defaultClient(), ociNamespace, chart, options);
  }

  /** As {@link #push(String, Path, HelmPushOptions)}, with a client of one's own (plain HTTP, a CA, a proxy). */
  public static HelmPushResult push(RegistryClient client, String ociNamespace, Path chart, HelmPushOptions options)
      throws IOException {
    ChartMetadata meta = Files.isDirectory(chart) ? HelmPackager.readMetadata(chart) : ChartArchive.readMetadata(chart);
    return push(client.repository(chartRepository(ociNamespace, meta.name())), chart, options);
  }

  /**
   * Pulls {@code versionOrRange} of the chart at {@code oci://HOST/NAMESPACE/CHARTNAME} into {@code
   * outputDir}, as {@code helm pull} does (see {@link #pull(ReadOnlyTarget, String, Path, HelmPullOptions)}),
   * with the client the CLI builds without flags.
   */
  public static PulledChart pull(String chartRepository, String versionOrRange, Path outputDir,
      HelmPullOptions options) throws IOException {
    return pull(OneCall.defaultClient(), chartRepository, versionOrRange, outputDir, options);
  }

  /** As {@link #pull(String, String, Path, HelmPullOptions)}, with a client of one's own. */
  public static PulledChart pull(RegistryClient client, String chartRepository, String versionOrRange,
      Path outputDir, HelmPullOptions options) throws IOException {
    String name = chartRepository.startsWith("oci://") ? chartRepository.substring("oci://".length()) : chartRepository;
    return pull(client.repository(name), versionOrRange, outputDir, options);
  }

  /** Pushes a packaged chart or a chart directory with the default options. */
  public static HelmPushResult push(Target repository, Path chart) throws IOException {
    return push(repository, chart, HelmPushOptions.defaults());
  }

  /**
   * Pushes a chart to {@code repository}, which should be {@code NAMESPACE/CHARTNAME}, tagged with its
   * version. {@code chart} is a packaged chart ({@code .tgz}), pushed as it is, or a chart directory,
   * packaged first by {@link HelmPackager} (with the options' version and appVersion overrides) into a
   * temporary directory that is deleted afterwards. Layers are sorted by digest and the manifest carries
   * the annotations Helm sets, so the result is byte for byte what {@code helm push} produces for the same
   * chart and creation time (checked against real Helm in the interop tests).
   *
   * @throws IllegalArgumentException when the archive holds no valid Chart.yaml, or version overrides are
   *     given for a packaged chart (they apply when packaging)
   */
  public static HelmPushResult push(Target repository, Path chart, HelmPushOptions options) throws IOException {
    if (!Files.isDirectory(chart)) {
      if (options.version() != null || options.appVersion() != null) {
        throw new IllegalArgumentException(chart + " is a packaged chart, pushed as it is: a version or appVersion"
            + " override applies when packaging a chart directory (helm package --version)");
      }
      return pushArchive(repository, chart, options);
    }
    Path temp = Files.createTempDirectory("berth-helm-" + ExitCleanup.pid() + "-");
    try (ExitCleanup.Registration cleanup = ExitCleanup.register(temp)) {
      try {
        Path tgz = HelmPackager.packageChart(chart, temp, options.version(), options.appVersion());
        return pushArchive(repository, tgz, options);
      } finally {
        deleteFlat(temp); // also when packaging or the push failed
      }
    }
  }

  /** Deletes a directory holding only files (the packaged chart; a failed packaging cleans its own staging). */
  private static void deleteFlat(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static HelmPushResult pushArchive(Target destination, Path chartTgz, HelmPushOptions options)
      throws IOException {
    Target repository = OperationProgress.on(destination, options.progressListener());
    ChartMetadata meta = ChartArchive.readMetadata(chartTgz);
    byte[] config = meta.toConfigJson();
    Descriptor configDesc = Descriptor.of(MediaTypes.HELM_CONFIG, config);
    Contents.pushBytesIfAbsent(repository, configDesc, config);
    Descriptor chartDesc = Contents.describeFile(MediaTypes.HELM_CHART_CONTENT, chartTgz);
    Contents.pushFileIfAbsent(repository, chartDesc, chartTgz);
    List<Descriptor> layers = new ArrayList<>(List.of(chartDesc));
    Descriptor provDesc = null;
    if (options.provenance() != null) {
      provDesc = Contents.describeFile(MediaTypes.HELM_CHART_PROVENANCE, options.provenance());
      Contents.pushFileIfAbsent(repository, provDesc, options.provenance());
      layers.add(provDesc);
    } else if (options.signer() != null) {
      byte[] prov = options.signer().sign(chartTgz);
      provDesc = Descriptor.of(MediaTypes.HELM_CHART_PROVENANCE, prov);
      Contents.pushBytesIfAbsent(repository, provDesc, prov);
      layers.add(provDesc);
    }
    // Helm sorts the layers by digest "for determinism, similar to how ORAS v1 does it".
    layers.sort(Comparator.comparing(d -> d.digest().toString()));
    Instant created = options.created() != null ? options.created() : Instant.now();
    // No "mediaType" field: Helm (3.x, through oras-go) leaves it out, and writing exactly Helm's bytes
    // means the same chart has the same digest whether Helm or berth pushed it. The descriptor and the
    // Content-Type still say application/vnd.oci.image.manifest.v1+json.
    Manifest m = new Manifest(2, null, null, configDesc, layers, null,
        meta.ociAnnotations(created.truncatedTo(ChronoUnit.SECONDS).toString()));
    EncodedManifest encoded = EncodedManifest.of(m);
    String tag = tagOf(meta.version());
    Contents.pushManifest(repository, encoded, tag);
    return new HelmPushResult(encoded.descriptor(), tag, meta, configDesc, chartDesc, provDesc);
  }

  /**
   * Resolves what to pull: a digest as is; an exact version to its tag; a range ({@code ^1.2}, {@code
   * >=1.0 <2}, {@code 1.x}) to the tag of the highest matching version among the repository's tags
   * (tags that are not strict semantic versions are ignored, as Helm ignores them).
   *
   * @throws NotFoundException when no tag satisfies the range
   * @throws UnsupportedException when a range is given and the repository cannot list its tags
   */
  public static String resolveTag(ReadOnlyTarget repository, String versionOrRange) throws IOException {
    String spec = versionOrRange.trim();
    if (spec.contains(":") && spec.startsWith("sha")) {
      return Digest.parse(spec).toString();
    }
    if (isStrictVersion(spec)) {
      return tagOf(spec);
    }
    SemVerRange range = SemVerRange.parse(spec);
    if (!(repository instanceof TagLister lister)) {
      throw new UnsupportedException("cannot choose a version for \"" + spec + "\": the repository cannot list tags");
    }
    // A page at a time, keeping only the best match so far: memory stays one page whatever the
    // registry lists (the client's total caps end an endless listing).
    List<SemVer> best = new ArrayList<>(1);
    long[] versions = {0};
    lister.tags(page -> {
      List<SemVer> candidates = new ArrayList<>(best);
      for (String tag : page) {
        try {
          candidates.add(SemVer.parseStrict(tag.replace('_', '+')));
          versions[0]++;
        } catch (IllegalArgumentException notAVersion) {
          // Helm skips tags such as "latest" the same way.
        }
      }
      Optional<SemVer> highest = range.highest(candidates);
      best.clear();
      highest.ifPresent(best::add);
      return true;
    });
    if (best.isEmpty()) {
      throw new NotFoundException("no chart version satisfies \"" + spec + "\" among the repository's "
          + versions[0] + " version tags");
    }
    return tagOf(best.get(0).original());
  }

  /**
   * Pulls the chart version {@code versionOrRange} names (see {@link #resolveTag}) into {@code
   * outputDir} as {@code NAME-VERSION.tgz}, and its {@code .prov} when it has one. Both files appear
   * together or not at all. With {@link HelmPullOptions.Builder#verify} the chart is checked against its
   * provenance and the keyring before anything reaches {@code outputDir} (see {@link ChartProvenance});
   * a chart that does not verify leaves nothing behind.
   *
   * @throws UnsupportedException when the manifest is not a Helm chart
   * @throws ProvenanceException when verification was asked for and failed (no provenance layer, an
   *     unreadable keyring, a bad signature, an unknown key, a digest mismatch)
   */
  public static PulledChart pull(ReadOnlyTarget source, String versionOrRange, Path outputDir,
      HelmPullOptions options) throws IOException {
    ReadOnlyTarget repository = OperationProgress.on(source, options.progressListener());
    String tag = resolveTag(repository, versionOrRange);
    EncodedManifest encoded = Contents.fetchReference(repository, tag); // one GET, no HEAD first
    Descriptor root = encoded.descriptor();
    if (!MediaTypes.OCI_MANIFEST.equals(encoded.mediaType())) {
      throw new UnsupportedException(tag + " is a " + encoded.mediaType() + ", not a Helm chart manifest");
    }
    Manifest m = encoded.manifest();
    if (m.config() == null || !MediaTypes.HELM_CONFIG.equals(m.config().mediaType())) {
      throw new UnsupportedException(tag + " is not a Helm chart: its config is "
          + (m.config() == null ? "missing" : m.config().mediaType()) + ", not " + MediaTypes.HELM_CONFIG);
    }
    Descriptor chartLayer = null;
    Descriptor provLayer = null;
    for (Descriptor l : m.layers()) {
      if (MediaTypes.HELM_CHART_CONTENT.equals(l.mediaType()) || LEGACY_CHART_LAYER.equals(l.mediaType())) {
        chartLayer = l;
      } else if (MediaTypes.HELM_CHART_PROVENANCE.equals(l.mediaType())) {
        provLayer = l;
      }
    }
    if (chartLayer == null) {
      throw new UnsupportedException(tag + " has no layer of type " + MediaTypes.HELM_CHART_CONTENT);
    }
    ChartMetadata meta = ChartMetadata.parseConfig(Contents.fetchAll(repository, m.config(), MAX_CONFIG_BYTES))
        .validate();
    String fileName = meta.archiveFileName();
    if (EntryNames.segments(fileName).size() != 1) {
      throw new UnsafeArchiveException(fileName, "chart name and version do not make a plain file name");
    }
    Path keyringFile = options.keyring();
    ProvenanceKeyring keyring = null;
    if (keyringFile != null) {
      if (provLayer == null) {
        throw new ProvenanceException(ProvenanceException.Reason.NO_PROVENANCE, tag + " has no provenance file (no "
            + MediaTypes.HELM_CHART_PROVENANCE + " layer): it cannot be verified; it was signed by nobody");
      }
      if (provLayer.size() > ChartProvenance.MAX_PROVENANCE_BYTES) {
        throw new ProvenanceException(ProvenanceException.Reason.MALFORMED, "the provenance layer of " + tag + " is "
            + provLayer.size() + " bytes, larger than " + ChartProvenance.MAX_PROVENANCE_BYTES
            + "; a provenance file is a few KiB");
      }
      keyring = ProvenanceKeyring.load(keyringFile); // before downloading
    }
    boolean withProv = provLayer != null && options.provenance();
    StagingDirectory.checkFileCanLand(outputDir, fileName, options.overwrite()); // before downloading
    if (withProv) {
      StagingDirectory.checkFileCanLand(outputDir, fileName + ".prov", options.overwrite());
    }
    Path provPath = null;
    ProvenanceVerification verified = null;
    try (StagingDirectory staging = StagingDirectory.create(outputDir)) {
      Path stagedChart = staging.newFile(fileName);
      write(repository, chartLayer, stagedChart);
      if (provLayer != null && (withProv || keyring != null)) {
        Path stagedProv = staging.newFile(fileName + ".prov");
        write(repository, provLayer, stagedProv);
        if (keyring != null) {
          // Checked while staged: a chart that fails verification is never seen at its final path.
          verified = ChartProvenance.verify(stagedChart, fileName,
              Files.readAllBytes(stagedProv), "the provenance of " + tag, keyring);
        }
        if (withProv) {
          provPath = staging.destination().resolve(fileName + ".prov");
        } else {
          Files.delete(stagedProv); // fetched only to verify
        }
      }
      staging.commit(options.overwrite());
      return new PulledChart(staging.destination().resolve(fileName), provPath, meta, root, tag, verified);
    }
  }

  private static boolean isStrictVersion(String s) {
    try {
      SemVer.parseStrict(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void write(ReadOnlyTarget source, Descriptor d, Path to) throws IOException {
    TransferRetries.fetchTo(source, d, to);
  }
}
