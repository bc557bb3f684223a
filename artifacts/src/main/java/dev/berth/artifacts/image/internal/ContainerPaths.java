package dev.berth.artifacts.image.internal;

import java.util.ArrayList;
import java.util.List;

/** Slash paths as a Dockerfile names them: inside the image (WORKDIR, VOLUME, COPY) and in .dockerignore. */
final class ContainerPaths {
  private ContainerPaths() {}

  /** An absolute, cleaned path inside the image: a relative one against the working directory. */
  static String resolve(String path, String workdir) {
    return "/" + clean(path.startsWith("/") ? path : workdir + "/" + path);
  }

  /** Go's filepath.Clean for slash paths, with leading slashes dropped: {@code a/./b/../c} is {@code a/c}. */
  static String clean(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(s);
    }
    return String.join("/", out);
  }
}
