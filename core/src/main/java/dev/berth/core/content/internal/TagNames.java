package dev.berth.core.content.internal;

import java.util.regex.Pattern;

/** Validation of the names a store accepts for {@code tag}. */
public final class TagNames {
  /** distribution-spec: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  /**
   * image-spec annotations.md, {@code org.opencontainers.image.ref.name}: components of alphanumerics
   * joined by {@code - . _ : @ + --}, separated by {@code /}. Wide enough for the full references some
   * tools write into an OCI layout's index.json.
   */
  private static final Pattern LAYOUT_REF =
      Pattern.compile("[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");

  private TagNames() {}

  /**
   * Checks a registry tag.
   *
   * @throws IllegalArgumentException naming the tag when it is not valid
   */
  public static String requireTag(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag \"" + tag + "\" is not valid (up to 128 of [A-Za-z0-9_.-],"
          + " not starting with . or -)");
    }
    return tag;
  }

  /**
   * Checks an OCI layout reference name: a tag, or a ref name as image-spec annotations.md allows.
   *
   * @throws IllegalArgumentException naming it when it is neither
   */
  public static String requireLayoutRef(String ref) {
    if (ref == null || !(TAG.matcher(ref).matches() || LAYOUT_REF.matcher(ref).matches())) {
      throw new IllegalArgumentException("reference name \"" + ref + "\" is not valid for an OCI layout");
    }
    return ref;
  }
}
