package dev.berth.bench;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate.ContentDescriptorTemplate;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jib's registry client (jib-core), used as Jib's own push and pull steps use it: HEAD a blob and push
 * it only when absent (POST, PATCH, PUT), pull blobs hashing as they are written. Jib moves one blob
 * per call, so an artifact's blobs go through a pool as wide as berth's concurrency. A blob already
 * handled in this process is not handled again, as Jib's build steps dedupe by digest.
 */
final class JibBenchClient extends ByCallBenchClient {
  private final FailoverHttpClient http;
  private final RegistryClient registry;
  private final Pool pool;
  private final Set<String> done = ConcurrentHashMap.newKeySet();

  JibBenchClient(Job job) {
    super(job);
    // Plain HTTP to a local registry is what Jib's allowInsecureRegistries is for.
    this.http = new FailoverHttpClient(job.plainHttp(), false, log -> {});
    if (job.plainHttp()) {
      rememberPlainHttp(http, job.host());
    }
    this.registry = RegistryClient.factory(EventHandlers.NONE, job.host(), job.repository(), http)
        .newRegistryClient();
    this.pool = new Pool(job.concurrency());
  }

  @Override
  public void close() throws IOException {
    pool.close();
    http.shutDown();
  }

  @Override
  protected void pushArtifact(ArtifactRef a) throws Exception {
    List<BlobRef> blobs = new ArrayList<>(a.layers());
    blobs.add(a.config());
    pool.all(blobs, this::pushBlob);
    OciManifestTemplate manifest = new OciManifestTemplate();
    manifest.setContainerConfiguration(a.config().size(), digest(a.config()));
    for (BlobRef layer : a.layers()) {
      manifest.addLayer(layer.size(), digest(layer));
    }
    registry.pushManifest(manifest, a.tag());
  }

  @Override
  protected void pullArtifact(String tag) throws Exception {
    OciManifestTemplate manifest = registry.pullManifest(tag, OciManifestTemplate.class).getManifest();
    List<BlobRef> blobs = new ArrayList<>();
    blobs.add(ref(manifest.getContainerConfiguration()));
    manifest.getLayers().forEach(l -> blobs.add(ref(l)));
    pool.all(blobs, this::pullBlob);
  }

  @Override
  protected void pushBlob(BlobRef blob) throws Exception {
    if (!done.add(blob.digest())) {
      return;
    }
    DescriptorDigest digest = digest(blob);
    if (registry.checkBlob(digest).isEmpty()) {
      registry.pushBlob(digest, Blobs.from(job.data().file(blob)), null, written -> {});
    }
  }

  @Override
  protected void pullBlob(BlobRef blob) throws Exception {
    if (!done.add(blob.digest())) {
      return;
    }
    DescriptorDigest digest = digest(blob);
    BlobDescriptor got = registry.pullBlob(digest, size -> {}, written -> {}).writeTo(OutputStream.nullOutputStream());
    if (!got.getDigest().equals(digest) || got.getSize() != blob.size()) {
      throw new IOException("Jib pulled " + got + ", expected " + blob);
    }
  }

  /**
   * Jib always tries HTTPS first and learns from the failure that a registry speaks plain HTTP. Against
   * the benchmark's proxy that first TLS handshake is never answered (the proxy waits for an HTTP
   * request line), so it would end in a read timeout instead of the quick failure a registry gives.
   * This records in advance what Jib would learn from that failure (its own failover history), so
   * Jib goes straight to HTTP; if anything, it spares Jib one failed handshake.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void rememberPlainHttp(FailoverHttpClient http, String hostAndPort) {
    try {
      Field history = FailoverHttpClient.class.getDeclaredField("failoverHistory");
      history.setAccessible(true);
      Class<? extends Enum> failover = (Class<? extends Enum>) Class.forName(
          FailoverHttpClient.class.getName() + "$Failover");
      ((Map<String, Object>) history.get(http)).put(hostAndPort, Enum.valueOf(failover, "HTTP"));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot tell this Jib version that the registry speaks plain HTTP", e);
    }
  }

  private static DescriptorDigest digest(BlobRef blob) throws Exception {
    return DescriptorDigest.fromDigest(blob.digest());
  }

  private static BlobRef ref(ContentDescriptorTemplate d) {
    return new BlobRef("application/octet-stream", d.getDigest().toString(), d.getSize());
  }
}
