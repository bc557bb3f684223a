package dev.berth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.Descriptor;
import dev.berth.core.DigestingOutputStream;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.layout.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's input, generated once per shape into an OCI image layout that every client reads:
 * berth copies from it as a content store, the peers and the raw floor read its blob files by digest.
 * Each blob is streamed from a {@link SeededBytes} twice (once to learn its digest, once into the
 * layout), so nothing is ever held in memory whole, whatever the size.
 *
 * @param dir the directory holding {@code layout/} and {@code dataset.json}
 * @param blob the large blob (absent, size 0, when the shape has none)
 * @param artifact the multi-layer artifact (null when the shape has no layers)
 * @param small the small artifacts
 */
record DataSet(Path dir, DataShape shape, BlobRef blob, ArtifactRef artifact, List<ArtifactRef> small) {
  static final String ARTIFACT_TYPE = "application/vnd.berth.bench.v1";
  static final String LAYER_TYPE = "application/vnd.berth.bench.layer.v1";
  private static final String INDEX_FILE = "dataset.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  DataSet {
    small = List.copyOf(small);
  }

  /** The description children read, without the directory (they are told where it is). */
  record Description(DataShape shape, BlobRef blob, ArtifactRef artifact, List<ArtifactRef> small) {}

  /** The OCI layout with every blob, manifest and tag. */
  Path layout() {
    return dir.resolve("layout");
  }

  /** The file holding a blob's bytes. */
  Path file(BlobRef blob) {
    return layout().resolve("blobs").resolve(blob.algorithm()).resolve(blob.hex());
  }

  /** Loads a data set generated before. */
  static DataSet load(Path dir) throws IOException {
    Description d = JSON.readValue(dir.resolve(INDEX_FILE).toFile(), Description.class);
    return new DataSet(dir, d.shape(), d.blob(), d.artifact(), d.small());
  }

  /**
   * The data set of {@code shape} under {@code cacheRoot}: loaded when it was generated before,
   * generated (into a temp directory, then renamed, so a half-written set is never reused) otherwise.
   */
  static DataSet prepare(Path cacheRoot, DataShape shape, java.io.PrintStream log) throws IOException {
    Path dir = cacheRoot.resolve("berth-bench-data-" + shape.key());
    if (Files.exists(dir.resolve(INDEX_FILE))) {
      return load(dir);
    }
    Files.createDirectories(cacheRoot);
    Path tmp = Files.createTempDirectory(cacheRoot, "berth-bench-data-tmp-");
    try {
      log.println("generating the data set in " + dir + " (once per shape) ...");
      Description d = generate(OciLayout.open(tmp.resolve("layout")), shape);
      JSON.writeValue(tmp.resolve(INDEX_FILE).toFile(), d);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir);
      }
    } finally {
      deleteRecursively(tmp);
    }
    return load(dir);
  }

  private static Description generate(OciLayout layout, DataShape shape) throws IOException {
    long seed = shape.seed();
    BlobRef blob = shape.blobSize() > 0 ? BlobRef.of(seeded(layout, seed, shape.blobSize(), LAYER_TYPE)) : null;
    Descriptor config = Descriptor.EMPTY_JSON;
    try (InputStream in = new java.io.ByteArrayInputStream(Descriptor.emptyJsonContent())) {
      layout.push(config, in);
    }
    ArtifactRef artifact = null;
    if (shape.layerCount() > 0) {
      List<Descriptor> layers = new ArrayList<>();
      for (int i = 0; i < shape.layerCount(); i++) {
        layers.add(seeded(layout, seed + 1 + i, shape.layerSize(), LAYER_TYPE));
      }
      artifact = artifact(layout, "layers", layers);
    }
    List<ArtifactRef> small = new ArrayList<>();
    for (int i = 0; i < shape.smallCount(); i++) {
      Descriptor layer = seeded(layout, seed + 100_000 + i, shape.smallSize(), LAYER_TYPE);
      small.add(artifact(layout, String.format("small-%04d", i), List.of(layer)));
    }
    return new Description(shape, blob, artifact, small);
  }

  private static ArtifactRef artifact(OciLayout layout, String tag, List<Descriptor> layers) throws IOException {
    EncodedManifest m = EncodedManifest.of(Manifest.artifact(ARTIFACT_TYPE, layers));
    try (InputStream in = m.openStream()) {
      layout.push(m.descriptor(), in);
    }
    layout.tag(m.descriptor(), tag);
    return new ArtifactRef(tag, BlobRef.of(m.descriptor()), BlobRef.of(Descriptor.EMPTY_JSON),
        layers.stream().map(BlobRef::of).toList());
  }

  /** Streams the seeded bytes twice: once for the digest, once into the layout. */
  private static Descriptor seeded(OciLayout layout, long seed, long size, String mediaType) throws IOException {
    DigestingOutputStream digest = DigestingOutputStream.nullOutput("sha256");
    try (InputStream in = new SeededBytes(seed, size)) {
      transfer(in, digest);
    }
    Descriptor d = Descriptor.of(mediaType, digest.digest(), size);
    try (InputStream in = new SeededBytes(seed, size)) {
      layout.push(d, in);
    }
    return d;
  }

  private static void transfer(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[Drain.BUFFER];
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
