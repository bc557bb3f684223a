package dev.berth.cli;

import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.ChartMetadata;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.artifacts.helm.ProvenanceException;
import dev.berth.artifacts.helm.ProvenanceSigner;
import dev.berth.artifacts.helm.ProvenanceVerification;
import dev.berth.artifacts.helm.PulledChart;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth helm push|pull}: Helm charts, stored the way {@code helm push} stores them. */
@Command(name = "helm", mixinStandardHelpOptions = true,
    description = "Push and pull Helm charts (compatible with helm push / helm pull).",
    subcommands = {HelmCommand.Push.class, HelmCommand.Pull.class})
final class HelmCommand {
  private HelmCommand() {}

  /** The chart's repository: NAMESPACE/NAME in a registry, or the NAME subdirectory of a layout directory. */
  static TargetArg chartRepository(TargetArg namespace, String chartName) {
    if (namespace instanceof TargetArg.Layout layout) {
      return new TargetArg.Layout(layout.dir().resolve(chartName), null, null);
    }
    return TargetArg.parse(HelmCharts.chartRepository(namespace.repositoryText(), chartName));
  }

  @Command(name = "push",
      description = {"Push a chart to NAMESPACE/NAME:VERSION as helm push does; prints the manifest digest.",
          "CHART is a packaged NAME-VERSION.tgz or a chart directory (packaged first, reproducibly, with"
              + " --version/--app-version replacing Chart.yaml's as helm package does). The first entry of"
              + " 'sources:' in Chart.yaml becomes org.opencontainers.image.source, which links the package to"
              + " its repository on ghcr.io. A CHART.tgz.prov beside CHART.tgz is pushed with it, as helm push"
              + " does; --sign makes one instead, as helm package --sign."})
  static final class Push extends BerthCommand {
    @Parameters(index = "0", paramLabel = "CHART", description = "CHART.tgz or a chart directory.")
    Path chart;

    @Parameters(index = "1", paramLabel = "NAMESPACE",
        description = "oci://HOST/NAMESPACE (as with helm), HOST/NAMESPACE, or oci:DIR for layouts.")
    String namespace;

    // No standard -V/--version here: --version is the chart version, as in helm package.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "VERSION",
        description = "Chart version to package a chart directory with (SemVer 2), replacing Chart.yaml's.")
    String version;

    @Option(names = "--app-version", paramLabel = "VERSION",
        description = "appVersion to package a chart directory with, replacing Chart.yaml's.")
    String appVersion;

    @Option(names = "--sign", description = "Sign the chart and push the provenance file (needs --key, --keyring).")
    boolean sign;

    @Option(names = "--key", paramLabel = "NAME",
        description = "With --sign: the signing key's user id (or part of it, as helm), or its hex key id.")
    String key;

    @Option(names = "--keyring", paramLabel = "FILE",
        description = "With --sign: the secret keyring (GnuPG secring.gpg, or an armored secret key).")
    Path keyring;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
        description = "With --sign: a file whose first line is the key's passphrase.")
    Path passphraseFile;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg ns = TargetArg.parse(namespace);
      if (ns.reference() != null) {
        throw new IllegalArgumentException("NAMESPACE takes no tag: the chart's version is its tag");
      }
      LocalPaths.inputFileOrDirectory(chart);
      boolean directory = Files.isDirectory(chart);
      if (!directory && (version != null || appVersion != null)) {
        throw new IllegalArgumentException("--version and --app-version apply when CHART is a chart directory; "
            + chart + " is a packaged chart, pushed as it is");
      }
      HelmPushOptions.Builder options = HelmPushOptions.builder().version(version).appVersion(appVersion);
      ProvenanceSigner signer = sign ? signer() : null;
      if (signer != null) {
        options.signer(signer);
      } else if (!directory) {
        // As helm push: a CHART.tgz.prov beside the packaged chart travels with it as the provenance layer.
        Path prov = chart.resolveSibling(chart.getFileName() + ".prov");
        if (Files.exists(prov)) {
          options.provenance(LocalPaths.inputFile(prov));
        }
      }
      ChartMetadata meta = directory ? HelmPackager.readMetadata(chart) : ChartArchive.readMetadata(chart);
      TargetArg repo = chartRepository(ns, meta.name());
      ProgressBars bars = session.showProgress("push");
      try {
        HelmPushResult result = HelmCharts.push(session.open(repo, true), chart, options.build());
        bars.finish();
        session.console().note("pushed " + repo.withTag(result.tag())
            + (signer == null ? "" : ", signed by key " + signer.keyId()));
        session.console().result(result.manifest().digest().toString());
      } finally {
        if (signer != null) {
          signer.clearPassphrase();
        }
      }
      return ExitCodes.OK;
    }

    private ProvenanceSigner signer() throws Exception {
      if (key == null || keyring == null) {
        throw new IllegalArgumentException("--sign needs --key NAME and --keyring FILE (a secret keyring)");
      }
      char[] passphrase = passphraseFile == null ? null : firstLine(passphraseFile);
      try {
        return ProvenanceSigner.fromKeyring(keyring, key, passphrase);
      } finally {
        if (passphrase != null) {
          java.util.Arrays.fill(passphrase, '\0');
        }
      }
    }

    /** The passphrase file's first line, as helm package --passphrase-file reads it. */
    private static char[] firstLine(Path file) throws java.io.IOException {
      byte[] bytes = dev.berth.core.content.LocalFiles.readRegularFile(file, 64 * 1024);
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      java.nio.CharBuffer chars = java.nio.charset.StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
      java.util.Arrays.fill(bytes, (byte) 0);
      char[] out = new char[chars.remaining()];
      chars.get(out);
      return out;
    }
  }

  // No standard -V/--version here: --version is the chart version, as in helm pull.
  @Command(name = "pull",
      description = {"Pull a chart as NAME-VERSION.tgz into -o DIR; prints the manifest digest.",
          "--version takes an exact version or a range (^1.2, ~1.2.3, >=1.0 <2) and picks the highest"
              + " matching tag. --verify checks the chart's provenance file (its OpenPGP signature against"
              + " --keyring, and the chart's SHA-256 in it) before anything is written, as helm pull --verify."})
  static final class Pull extends BerthCommand {
    @Parameters(index = "0", paramLabel = "CHART-REPO",
        description = "oci://HOST/NAMESPACE/NAME, HOST/NAMESPACE/NAME, or oci:DIR/NAME.")
    String repository;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "VERSION",
        description = "A version, range or digest (default: the highest stable version, as Helm's '*').")
    String version;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
        description = "Where to write the chart (default: the current directory).")
    Path output;

    @Option(names = "--verify",
        description = "Verify the chart against its provenance file; on failure nothing is written.")
    boolean verify;

    @Option(names = "--keyring", paramLabel = "FILE",
        description = "With --verify: the public keys (GnuPG pubring.gpg or armored keys; default"
            + " ~/.gnupg/pubring.gpg, as helm).")
    Path keyring;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg repo = TargetArg.parse(repository);
      if (repo.reference() != null) {
        throw new IllegalArgumentException("CHART-REPO takes no tag or digest: give the version with --version");
      }
      if (keyring != null && !verify) {
        throw new IllegalArgumentException("--keyring is used with --verify");
      }
      LocalPaths.outputDirectory(output);
      // helm pull replaces an existing archive: berth's CLI does too (the library's default is to keep it).
      HelmPullOptions.Builder options = HelmPullOptions.builder().overwrite(true);
      if (verify) {
        options.verify(keyring != null ? keyring
            : Path.of(System.getProperty("user.home"), ".gnupg", "pubring.gpg"));
      }
      ProgressBars bars = session.showProgress("pull");
      // Without --version, helm pull takes the highest stable version: the range '*' (pre-releases excluded).
      PulledChart pulled = HelmCharts.pull(session.open(repo, false), version == null ? "*" : version, output,
          options.build());
      bars.finish();
      if (pulled.verification() != null) {
        ProvenanceVerification v = pulled.verification();
        session.console().note("verified: signed by " + (v.userId() == null ? "" : v.userId() + ", ") + "key "
            + v.keyId() + "; " + v.fileName() + " is " + v.chartDigest());
      }
      session.console().note("wrote " + pulled.chart());
      session.console().result(pulled.manifest().digest().toString());
      return ExitCodes.OK;
    }
  }

  /** The next step for a failed verification, or null. */
  static String provenanceHint(ProvenanceException e) {
    return switch (e.reason()) {
      case UNKNOWN_KEY -> "import the signer's public key into the --keyring file (gpg --export KEYID > FILE)";
      case NO_PROVENANCE -> "the chart was pushed unsigned; pull without --verify only if you trust its source";
      case KEYRING_UNREADABLE -> "give a keyring with --keyring FILE (gpg --export > pubring.gpg)";
      case CANNOT_SIGN -> "check --key and --passphrase-file (its first line is the passphrase); nothing was pushed";
      case NO_OPENPGP -> null;
      default -> "nothing was written; the chart or its provenance is not what its signer published";
    };
  }
}
