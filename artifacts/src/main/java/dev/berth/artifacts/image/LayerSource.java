package dev.berth.artifacts.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What goes into one new image layer: files and directories placed at paths in the image, tars unpacked
 * there, paths of the layers below removed (whiteouts), or an existing tar file taken as it is.
 *
 * <p>A layer berth writes is reproducible: entries in name order (each directory before its children),
 * times set to the epoch, owner and group 0 unless {@link Builder#owner} says otherwise, permissions
 * normalised to 0755 for directories and owner-executable files and 0644 otherwise unless
 * {@link Builder#mode} says otherwise, symbolic links kept as links. Directories above a destination
 * are not written (whoever unpacks the layer creates missing ones, root-owned, as Docker does), so a
 * layer never changes the owner or mode of a directory of the base. The same content and options
 * therefore always give the same layer digest, wherever the files live on the local disk.
 *
 * <p>A tar file given to {@link #tar} is added as it is: an uncompressed tar is gzip-compressed, a
 * tar+gzip (recognised by its magic bytes) is used byte for byte.
 *
 * <p>Equal sources (same parts, options and filter instance) build the same layer, which a
 * multi-platform bake builds and uploads once.
 */
public final class LayerSource {
  /** How a {@link Part} lands in the image. */
  public enum Kind {
    /** A directory's contents under the image path (plus the path's own entry), or a file at it. */
    CONTENTS,
    /** The entries of a tar (plain, gzip or bzip2) under the image path, as Docker's ADD unpacks. */
    UNPACK,
    /** The image path is removed from the layers below: a whiteout entry ({@code .wh.NAME}). */
    REMOVE
  }

  /**
   * One piece of a layer.
   *
   * @param kind how it lands
   * @param source the local file or directory ({@code null} for {@link Kind#REMOVE})
   * @param imagePath the absolute, normalised path in the image ({@code /} for the root)
   */
  public record Part(Kind kind, @Nullable Path source, String imagePath) {
    /** Checks the fields. */
    public Part {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(imagePath, "imagePath");
      if (kind != Kind.REMOVE) {
        Objects.requireNonNull(source, "source");
      }
    }
  }

  private final @Nullable Path rawTar;
  private final List<Part> parts;
  private final @Nullable Integer uid;
  private final @Nullable Integer gid;
  private final @Nullable Integer mode;
  private final @Nullable Predicate<Path> include;
  private final @Nullable String createdBy;

  private LayerSource(@Nullable Path rawTar, List<Part> parts, @Nullable Integer uid, @Nullable Integer gid, @Nullable Integer mode,
      @Nullable Predicate<Path> include, @Nullable String createdBy) {
    this.rawTar = rawTar;
    this.parts = List.copyOf(parts);
    this.uid = uid;
    this.gid = gid;
    this.mode = mode;
    this.include = include;
    this.createdBy = createdBy;
  }

  /** A builder for a layer berth writes. */
  public static Builder builder() {
    return new Builder();
  }

  /** The directory's contents at the image root: {@code DIR/etc/app.conf} becomes {@code /etc/app.conf}. */
  public static LayerSource directory(Path dir) {
    return directory(dir, "/");
  }

  /**
   * The directory's contents under {@code imagePath}: {@code directory(dir, "/opt/app")} puts
   * {@code DIR/bin/run} at {@code /opt/app/bin/run}, with an entry for {@code /opt/app} itself
   * (missing parents such as {@code /opt} are created by whoever unpacks the layer).
   *
   * @throws IllegalArgumentException when {@code dir} is not a directory or {@code imagePath} contains
   *     {@code ..} or {@code .}
   */
  public static LayerSource directory(Path dir, String imagePath) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory");
    }
    return builder().contents(dir, imagePath).build();
  }

  /**
   * A tar or tar+gzip file, added as it is.
   *
   * @throws IllegalArgumentException when {@code file} is not a regular file
   */
  public static LayerSource tar(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a file");
    }
    return new LayerSource(file, List.of(), null, null, null, null, null);
  }

  /** A layer that only removes {@code imagePaths} from the layers below it. */
  public static LayerSource removing(List<String> imagePaths) {
    Builder b = builder();
    imagePaths.forEach(b::remove);
    return b.build();
  }

  /** The tar file taken as it is, or null when berth writes the layer. */
  public @Nullable Path rawTar() {
    return rawTar;
  }

  /** The pieces berth writes, in order (later ones win where paths collide); empty for a raw tar. */
  public List<Part> parts() {
    return parts;
  }

  /** The owner of what this layer adds, or null for root (or, when unpacking, the tar's own). */
  public @Nullable Integer uid() {
    return uid;
  }

  /** The group of what this layer adds, or null for root (or, when unpacking, the tar's own). */
  public @Nullable Integer gid() {
    return gid;
  }

  /** The permission bits of every file and directory added, or null for the normalised ones. */
  public @Nullable Integer mode() {
    return mode;
  }

  /** Whether a local file or directory under a {@link Kind#CONTENTS} source goes into the layer. */
  public boolean includes(Path local) {
    return include == null || include.test(local);
  }

  /**
   * What {@code created_by} says in the image history: given by {@link Builder#createdBy}, or made
   * from the image paths and options only (never local file names, so renaming a local directory does
   * not change the image).
   */
  public String describe() {
    if (createdBy != null) {
      return createdBy;
    }
    if (rawTar != null) {
      return "berth: ADD tar /";
    }
    StringBuilder s = new StringBuilder("berth:");
    String verb = "";
    for (Part p : parts) {
      String v = switch (p.kind()) {
        case CONTENTS -> "COPY";
        case UNPACK -> "ADD";
        case REMOVE -> "REMOVE";
      };
      if (!v.equals(verb)) {
        s.append(' ').append(v);
        if (p.kind() != Kind.REMOVE) {
          if (uid != null) {
            s.append(" --chown=").append(uid).append(':').append(gid);
          }
          if (mode != null) {
            s.append(" --chmod=").append(Integer.toOctalString(mode));
          }
        }
        verb = v;
      }
      s.append(' ').append(p.imagePath());
    }
    return s.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LayerSource l && Objects.equals(rawTar, l.rawTar) && parts.equals(l.parts)
        && Objects.equals(uid, l.uid) && Objects.equals(gid, l.gid) && Objects.equals(mode, l.mode)
        && include == l.include && Objects.equals(createdBy, l.createdBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rawTar, parts, uid, gid, mode, createdBy);
  }

  @Override
  public String toString() {
    if (rawTar != null) {
      return "tar " + rawTar;
    }
    StringBuilder s = new StringBuilder("layer");
    for (Part p : parts) {
      s.append(' ').append(p.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(p.source() == null ? "" : " " + p.source()).append(" at ").append(p.imagePath());
    }
    return s.toString();
  }

  /**
   * Normalises an absolute image path: {@code /opt//app/} is {@code /opt/app}.
   *
   * @throws IllegalArgumentException when it contains {@code .} or {@code ..} segments
   */
  public static String normalizeImagePath(String imagePath) {
    Objects.requireNonNull(imagePath, "imagePath");
    List<String> out = new ArrayList<>();
    for (String segment : imagePath.replace('\\', '/').split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw new IllegalArgumentException("image path \"" + imagePath + "\" must not contain . or ..");
      }
      out.add(segment);
    }
    return "/" + String.join("/", out);
  }

  /** Configures a {@link LayerSource}. Not thread-safe. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();
    private @Nullable Integer uid;
    private @Nullable Integer gid;
    private @Nullable Integer mode;
    private @Nullable Predicate<Path> include;
    private @Nullable String createdBy;

    private Builder() {}

    /**
     * A directory's contents under {@code imagePath} (with an entry for the path itself), or a file
     * (or the file a symbolic link names) at {@code imagePath}.
     *
     * @throws IllegalArgumentException when {@code source} does not exist, or a file would replace the
     *     image root
     */
    public Builder contents(Path source, String imagePath) {
      Objects.requireNonNull(source, "source");
      if (!Files.exists(source)) {
        throw new IllegalArgumentException(source + " does not exist");
      }
      String path = normalizeImagePath(imagePath);
      if (!Files.isDirectory(source) && path.equals("/")) {
        throw new IllegalArgumentException("file " + source + " cannot replace the image root; name a path");
      }
      parts.add(new Part(Kind.CONTENTS, source, path));
      return this;
    }

    /**
     * The entries of a local tar (plain, gzip or bzip2) under {@code imagePath}. Entry names that leave
     * the archive ({@code ..}) and device or FIFO entries are refused when the layer is built.
     */
    public Builder unpack(Path tar, String imagePath) {
      Objects.requireNonNull(tar, "tar");
      if (!Files.isRegularFile(tar)) {
        throw new IllegalArgumentException(tar + " is not a file");
      }
      parts.add(new Part(Kind.UNPACK, tar, normalizeImagePath(imagePath)));
      return this;
    }

    /** Removes {@code imagePath} (a file or a whole directory) of the layers below. */
    public Builder remove(String imagePath) {
      String path = normalizeImagePath(imagePath);
      if (path.equals("/")) {
        throw new IllegalArgumentException("cannot remove the image root");
      }
      parts.add(new Part(Kind.REMOVE, null, path));
      return this;
    }

    /** The numeric owner and group of everything this layer adds (Docker's {@code --chown UID:GID}). */
    public Builder owner(int uid, int gid) {
      if (uid < 0 || gid < 0) {
        throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
      }
      this.uid = uid;
      this.gid = gid;
      return this;
    }

    /** The permission bits of every file and directory this layer adds (Docker's {@code --chmod}). */
    public Builder mode(int bits) {
      if (bits < 0 || bits > 07777) {
        throw new IllegalArgumentException("mode " + Integer.toOctalString(bits) + " is not between 0 and 7777");
      }
      this.mode = bits;
      return this;
    }

    /** Which local files and directories under a {@link Kind#CONTENTS} directory go in (all by default). */
    public Builder include(Predicate<Path> filter) {
      this.include = filter;
      return this;
    }

    /** The history entry's {@code created_by}, e.g. the Dockerfile instruction. */
    public Builder createdBy(String text) {
      this.createdBy = text;
      return this;
    }

    /**
     * The source.
     *
     * @throws IllegalStateException when nothing was added
     */
    public LayerSource build() {
      if (parts.isEmpty()) {
        throw new IllegalStateException("a layer needs contents, a tar to unpack or a path to remove");
      }
      return new LayerSource(null, parts, uid, gid, mode, include, createdBy);
    }
  }
}
