package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.Dockerfile.Instruction;
import dev.berth.artifacts.image.DockerfileException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The local files a COPY or ADD source names in the build context: a path or a glob ({@code *},
 * {@code ?}, {@code [...]} within a segment, as Go's filepath.Match), relative to the context (a leading
 * {@code /} too). Nothing outside the context is reachable, by {@code ..} or by a symbolic link, and
 * what {@code .dockerignore} excludes is not there.
 */
final class ContextSources {
  private ContextSources() {}

  static List<Path> resolve(Path context, String source, DockerIgnore ignore, Instruction ins) throws IOException {
    Path realContext = context.toRealPath();
    List<String> segments = new ArrayList<>();
    for (String s : source.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (segments.isEmpty()) {
          throw new DockerfileException(ins.line(), ins.keyword() + " " + source + " is outside the build context");
        }
        segments.remove(segments.size() - 1);
        continue;
      }
      segments.add(s);
    }
    List<Path> current = List.of(context);
    for (String seg : segments) {
      List<Path> next = new ArrayList<>();
      boolean glob = seg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
      for (Path dir : current) {
        if (!glob) {
          Path p = dir.resolve(seg);
          if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            next.add(p);
          }
          continue;
        }
        if (!Files.isDirectory(dir)) {
          continue;
        }
        Pattern pattern = Pattern.compile(DockerIgnore.toRegex(seg));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          for (Path child : ds) {
            if (pattern.matcher(child.getFileName().toString()).matches()) {
              children.add(child);
            }
          }
        }
        children.sort((a, b) -> LayerTarWriter.compareUtf8(a.getFileName().toString(), b.getFileName().toString()));
        next.addAll(children);
      }
      current = next;
    }
    List<Path> out = new ArrayList<>();
    for (Path p : current) {
      if (!p.equals(context) && !ignore.test(p)) {
        continue;
      }
      Path real = p.toRealPath();
      if (!real.startsWith(realContext)) {
        throw new DockerfileException(ins.line(), ins.keyword() + " " + source
            + ": a symbolic link leads outside the build context");
      }
      out.add(p);
    }
    if (out.isEmpty()) {
      throw new DockerfileException(ins.line(), ins.keyword() + " " + source + ": no such file in the build context"
          + " (or excluded by .dockerignore)");
    }
    return out;
  }
}
