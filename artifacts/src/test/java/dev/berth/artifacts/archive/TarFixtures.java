package dev.berth.artifacts.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar archives entry by entry, including the hostile ones no honest tool would write. */
final class TarFixtures {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  TarFixtures() {
    tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  TarFixtures file(String name, String content) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(data.length);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
    return this;
  }

  TarFixtures dir(String name) throws IOException {
    return entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, null);
  }

  TarFixtures symlink(String name, String target) throws IOException {
    return entry(name, TarConstants.LF_SYMLINK, target);
  }

  TarFixtures hardlink(String name, String target) throws IOException {
    return entry(name, TarConstants.LF_LINK, target);
  }

  TarFixtures entry(String name, byte type, String link) throws IOException {
    // preserveAbsolutePath=true: the point is to write names a safe writer would strip.
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    if (link != null) {
      e.setLinkName(link);
    }
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
    return this;
  }

  byte[] tar() throws IOException {
    tar.finish();
    return bytes.toByteArray();
  }

  byte[] tgz() throws IOException {
    return gzip(tar());
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
