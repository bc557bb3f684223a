package dev.berth.artifacts.image.internal;

import static dev.berth.artifacts.image.internal.InstructionArgs.flags;
import static dev.berth.artifacts.image.internal.InstructionArgs.jsonArray;
import static dev.berth.artifacts.image.internal.InstructionArgs.substitute;
import static dev.berth.artifacts.image.internal.InstructionArgs.words;

import dev.berth.artifacts.image.Dockerfile.Instruction;
import dev.berth.artifacts.image.DockerfileException;
import dev.berth.artifacts.image.LayerSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@code COPY} or {@code ADD} instruction into the layer it adds: sources matched in the build
 * context (minus {@code .dockerignore}), the destination resolved against the working directory,
 * {@code --chown} and {@code --chmod} applied, and a local tar given to {@code ADD} unpacked. Nothing is
 * downloaded and nothing is copied from another stage.
 */
final class CopyInstruction {
  private CopyInstruction() {}

  /**
   * The layer {@code ins} adds: {@code scope} substitutes {@code $VAR} in its words, a relative
   * destination is resolved against {@code workdir}, sources come from {@code context} minus {@code ignore}.
   */
  static LayerSource layer(Instruction ins, Map<String, String> scope, char escape, String workdir, Path context,
      DockerIgnore ignore) throws IOException {
    boolean add = ins.keyword().equals("ADD");
    Map<String, String> f = flags(ins, Set.of("chown", "chmod", "link"));
    List<String> json = jsonArray(ins);
    List<String> raw = json != null ? json : words(ins);
    if (raw.size() < 2) {
      throw new DockerfileException(ins.line(), ins.keyword() + " needs at least one source and a destination");
    }
    int[] ids = f.containsKey("chown") ? owner(substitute(f.get("chown"), scope, escape, ins), ins) : null;
    Integer mode = null;
    if (f.containsKey("chmod")) {
      if (!f.get("chmod").matches("[0-7]{3,4}")) {
        throw new DockerfileException(ins.line(), "--chmod=" + f.get("chmod")
            + ": berth takes an octal mode such as 755");
      }
      mode = Integer.parseInt(f.get("chmod"), 8);
    }
    List<String> all = new ArrayList<>();
    for (String w : raw) {
      all.add(json != null ? Substitution.value(w, scope) : substitute(w, scope, escape, ins));
    }
    String destText = all.get(all.size() - 1);
    List<String> sources = all.subList(0, all.size() - 1);
    String dest = ContainerPaths.resolve(destText, workdir);
    List<Path> matched = new ArrayList<>();
    for (String src : sources) {
      if (src.matches("(?i)(https?|git)://.*") || src.startsWith("git@")) {
        throw new DockerfileException(ins.line(), ins.keyword() + " " + src + ": berth does not download during"
            + " a build; fetch it first and COPY the file");
      }
      matched.addAll(ContextSources.resolve(context, src, ignore, ins));
    }
    boolean destIsDir = destText.endsWith("/") || destText.equals(".") || destText.endsWith("/.")
        || sources.size() > 1 || matched.size() > 1;
    LayerSource.Builder b = LayerSource.builder().include(ignore).createdBy(ins + " # berth");
    for (Path p : matched) {
      if (Files.isDirectory(p)) {
        b.contents(p, dest);
      } else if (add && isTar(p)) {
        b.unpack(p, dest);
      } else {
        b.contents(p, destIsDir ? (dest.equals("/") ? "" : dest) + "/" + p.getFileName() : dest);
      }
    }
    if (ids != null) {
      b.owner(ids[0], ids[1]);
    }
    if (mode != null) {
      b.mode(mode);
    }
    return b.build();
  }

  /** Numeric {@code UID[:GID]}, or {@code root}. */
  private static int[] owner(String text, Instruction ins) {
    String[] parts = text.split(":", -1);
    if (parts.length > 2) {
      throw new DockerfileException(ins.line(), "--chown=" + text + " is not UID[:GID]");
    }
    int[] ids = new int[2];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.equals("root")) {
        ids[i] = 0;
      } else if (p.matches("[0-9]{1,9}")) {
        ids[i] = Integer.parseInt(p);
      } else {
        throw new DockerfileException(ins.line(), "--chown=" + text + ": berth resolves no user or group names"
            + " (that needs the image's /etc/passwd); use numbers, e.g. --chown=1000:1000");
      }
    }
    if (parts.length == 1) {
      ids[1] = ids[0];
    }
    return ids;
  }

  private static boolean isTar(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(512);
      if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        return true;
      }
      if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
        return true;
      }
      return head.length == 512 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }
  }
}
