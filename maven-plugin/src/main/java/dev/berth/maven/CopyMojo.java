package dev.berth.maven;

import dev.berth.core.Descriptor;
import dev.berth.core.Platform;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyListener;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import dev.berth.maven.internal.StoreRef;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Copies an image, index or artifact with everything it references, registry to registry or to and from
 * an OCI layout directory, as {@code berth cp} does; blobs the destination has are skipped.
 */
@Mojo(name = "cp", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true, requiresProject = false)
public class CopyMojo extends AbstractBerthMojo {
  /** What to copy: {@code HOST/NAME:TAG}, {@code HOST/NAME@DIGEST} or {@code oci:DIR:TAG}. */
  @Parameter(property = "berth.source", required = true)
  protected String source;

  /** Where to copy it: {@code HOST/NAME[:TAG]} or {@code oci:DIR[:TAG]}; without a tag, the source's tag. */
  @Parameter(property = "berth.target", required = true)
  protected String target;

  /** Also copies the referrers (signatures, SBOMs, attachments). */
  @Parameter(property = "berth.referrers", defaultValue = "false")
  protected boolean referrers;

  /** From a multi-platform index, copies only this platform's image ({@code linux/amd64}) and tags it. */
  @Parameter(property = "berth.platform")
  protected String platform;

  @Override
  protected void run() throws Exception {
    StoreRef from = store(source, "source");
    StoreRef to = store(target, "target");
    if (from.reference() == null) {
      throw new IllegalArgumentException("<source> " + source + " names no tag or digest");
    }
    if (to.digest() != null) {
      throw new IllegalArgumentException("<target> " + target + " names a digest: give a tag or none");
    }
    String tag = to.tag() != null ? to.tag() : from.tag();
    CopyOptions.Builder options = CopyOptions.builder().includeReferrers(referrers)
        .listener(new CopyListener() {
          @Override
          public void onSkipped(Descriptor node) {
            getLog().info("exists " + node.digest());
          }

          @Override
          public void onMounted(Descriptor blob, String fromRepository) {
            getLog().info("mounted " + blob.digest() + " from " + fromRepository);
          }
        });
    if (platform != null) {
      options.platform(Platform.parse(platform));
    }
    workingOn(from, false);
    Target src = from.open(client("copied"), false);
    workingOn(to, true);
    Target dst = to.open(client("copied"), true);
    workingOn(from, false); // a failure is more often the source's (not found, not allowed to read)
    Descriptor root = Copier.copy(src, from.reference(), dst, tag, options.build());
    publish("cp", to.tag() != null || tag == null ? to.text() : to.withTag(tag).text(), root.digest().toString());
  }
}
