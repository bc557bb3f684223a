package dev.berth.artifacts.referrers;

import dev.berth.core.Descriptor;
import java.util.List;
import java.util.function.Consumer;

/**
 * One manifest in a referrers tree: its descriptor (with artifact type and annotations, as the
 * referrers API reports them) and the manifests that refer to it in turn.
 *
 * @param descriptor the manifest; for the root, the subject itself
 * @param referrers what refers to it, in the order the store listed them
 */
public record ReferrerNode(Descriptor descriptor, List<ReferrerNode> referrers) {

  /** Copies the list. */
  public ReferrerNode {
    referrers = List.copyOf(referrers);
  }

  /** How many nodes are below this one (all levels). */
  public int size() {
    int n = 0;
    for (ReferrerNode r : referrers) {
      n += 1 + r.size();
    }
    return n;
  }

  /** Visits every node below this one, parents before their referrers. */
  public void forEachBelow(Consumer<ReferrerNode> visitor) {
    for (ReferrerNode r : referrers) {
      visitor.accept(r);
      r.forEachBelow(visitor);
    }
  }

  /**
   * A text tree like {@code oras discover}'s: the root's digest, then one indented line per referrer
   * with its artifact type and digest.
   */
  public String render() {
    StringBuilder out = new StringBuilder(descriptor.digest().toString()).append('\n');
    render(out, "");
    return out.toString();
  }

  private void render(StringBuilder out, String indent) {
    for (int i = 0; i < referrers.size(); i++) {
      ReferrerNode r = referrers.get(i);
      boolean last = i == referrers.size() - 1;
      out.append(indent).append(last ? "└── " : "├── ")
          .append(r.descriptor.artifactType() == null ? "(no artifact type)" : r.descriptor.artifactType())
          .append(' ').append(r.descriptor.digest()).append('\n');
      r.render(out, indent + (last ? "    " : "│   "));
    }
  }
}
