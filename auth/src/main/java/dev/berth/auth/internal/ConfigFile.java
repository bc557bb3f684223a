package dev.berth.auth.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Reads and writes a docker-format JSON file as a tree, so that entries and fields this library does not
 * know (other registries, {@code psFormat}, {@code proxies}, ...) survive a rewrite unchanged.
 */
public final class ConfigFile {
  /** Only writing (login, logout) needs an ObjectMapper; reading uses {@link JsonTrees}. */
  private static final class Writer {
    // Jackson would close the stream it writes to; the channel must stay open until it is forced to disk.
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  /** Far beyond any real config.json; a larger file is refused before it is read. */
  static final long MAX_BYTES = 16L << 20;

  private ConfigFile() {}

  /**
   * The file's bytes, if it is a regular file (through links) of at most {@link #MAX_BYTES}: a FIFO
   * would block the read until someone writes to it, a device would never end.
   */
  private static byte[] readRegularFile(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new FileSystemException(file.toString(), null,
          "is " + (a.isDirectory() ? "a directory" : "a FIFO, device or socket") + ", not a regular file");
    }
    if (a.size() > MAX_BYTES) {
      throw new IOException(file + " is larger than " + MAX_BYTES + " bytes; not a credential store");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(file + " is larger than " + MAX_BYTES + " bytes; not a credential store");
      }
      return bytes;
    }
  }

  /** Returns the file's top-level object; an empty object when the file is missing or empty. */
  public static ObjectNode read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = readRegularFile(file);
    } catch (NoSuchFileException e) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode root;
    try {
      root = JsonTrees.parse(bytes);
    } catch (JsonProcessingException e) {
      // Jackson's message may quote the file's content, which holds secrets; say only where it broke.
      // A limit (nesting depth, number length) is reported without a location.
      throw new IOException(file + " is not valid JSON"
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (!(root instanceof ObjectNode object)) {
      throw new IOException(file + " does not hold a JSON object");
    }
    return object;
  }

  /**
   * Replaces the file with {@code root}: written to a temporary file beside it with mode 0600, then
   * moved over it atomically, so a reader never sees half a file and a crash never loses the old one. A
   * symbolic link is followed, so the file it points at is replaced and the link kept.
   */
  public static void write(Path file, ObjectNode root) throws IOException {
    Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path temp = posix
        ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        Writer.JSON.writeValue(out, root);
        out.write('\n');
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
