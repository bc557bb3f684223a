package dev.berth.core.content;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Content graphs for store tests, pushed into any {@link Storage}. */
public final class Fixtures {
  private final Random random;

  public Fixtures(long seed) {
    this.random = new Random(seed);
  }

  /** {@code n} random bytes. */
  public byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Pushes {@code bytes} as a blob. */
  public static Descriptor push(Storage s, String mediaType, byte[] bytes) throws IOException {
    Descriptor d = Descriptor.of(mediaType, bytes);
    s.push(d, new ByteArrayInputStream(bytes));
    return d;
  }

  /** Pushes a manifest's bytes. */
  public static Descriptor push(Storage s, EncodedManifest m) throws IOException {
    s.push(m.descriptor(), m.openStream());
    return m.descriptor();
  }

  /** A small image: a config and {@code layers} random layers, all pushed; returns the manifest. */
  public EncodedManifest image(Storage s, int layers) throws IOException {
    Descriptor config = push(s, MediaTypes.OCI_CONFIG,
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + random.nextLong() + "}")
            .getBytes(StandardCharsets.UTF_8));
    List<Descriptor> ls = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      ls.add(push(s, MediaTypes.OCI_LAYER_TAR_GZIP, bytes(100 + random.nextInt(2000))));
    }
    EncodedManifest m = EncodedManifest.of(Manifest.of(config, ls));
    push(s, m);
    return m;
  }

  /** An index over two images (linux/amd64 and linux/arm64) that share one layer; all pushed. */
  public EncodedManifest multiPlatform(Storage s) throws IOException {
    Descriptor shared = push(s, MediaTypes.OCI_LAYER_TAR_GZIP, bytes(3000));
    List<Descriptor> entries = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      Descriptor config = push(s, MediaTypes.OCI_CONFIG,
          ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}").getBytes(StandardCharsets.UTF_8));
      Descriptor own = push(s, MediaTypes.OCI_LAYER_TAR_GZIP, bytes(500));
      EncodedManifest m = EncodedManifest.of(Manifest.of(config, List.of(shared, own)));
      entries.add(push(s, m).withPlatform(Platform.of("linux", arch, null)));
    }
    EncodedManifest index = EncodedManifest.of(Index.of(entries));
    push(s, index);
    return index;
  }

  /** An artifact manifest referring to {@code subject}, with one layer; all pushed. */
  public EncodedManifest referrer(Storage s, Descriptor subject, String artifactType) throws IOException {
    push(s, Descriptor.EMPTY_JSON.mediaType(), Descriptor.emptyJsonContent());
    Descriptor layer = push(s, "application/vnd.example.sig", bytes(64));
    Manifest m = Manifest.artifact(artifactType, List.of(layer))
        .withSubject(plain(subject))
        .withAnnotations(Map.of("org.example.kind", artifactType));
    EncodedManifest e = EncodedManifest.of(m);
    push(s, e);
    return e;
  }

  static Descriptor plain(Descriptor d) {
    return Descriptor.of(d.mediaType(), d.digest(), d.size());
  }
}
