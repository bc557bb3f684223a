package dev.berth.core.remote.internal;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * berth runs on OkHttp 5 alone. OkHttp 4 ({@code com.squareup.okhttp3:okhttp:4.x}) and OkHttp 5
 * ({@code com.squareup.okhttp3:okhttp-jvm:5.x}) have different artifactIds, so Maven puts both on the class
 * path of an application that depends on OkHttp 4 and on berth; they hold the same classes, and class path
 * order decides, class by class, which one runs. This check finds every copy of OkHttp on the class path
 * when a client is built and refuses a second copy or an OkHttp older than 5, naming the versions, where
 * each came from, and the fix, instead of failing later with a {@code NoSuchMethodError} mid-transfer.
 */
public final class OkHttpVersionCheck {
  private static final String CLASS_FILE = "okhttp3/OkHttp.class";
  private static volatile boolean passed;

  private OkHttpVersionCheck() {}

  /**
   * Returns when the class path holds exactly one OkHttp, version 5 or later (checked once per process).
   *
   * @throws IllegalStateException naming both versions and the fix, otherwise
   */
  public static void require() {
    if (passed) {
      return;
    }
    String problem = problem(OkHttpVersionCheck.class.getClassLoader());
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    passed = true;
  }

  /** What is wrong with the OkHttp that {@code loader} sees, or null when nothing is. */
  static @Nullable String problem(ClassLoader loader) {
    Map<String, String> versions = new LinkedHashMap<>(); // where -> version
    try {
      for (URL copy : Collections.list(loader.getResources(CLASS_FILE))) {
        URL root = root(copy);
        versions.put(describe(root), version(root));
      }
    } catch (IOException e) {
      return null; // the class path cannot be listed; nothing to judge by
    }
    List<String> distinct = versions.values().stream().distinct().toList();
    if (distinct.size() > 1) {
      List<String> found = new ArrayList<>();
      versions.forEach((where, version) -> found.add("OkHttp " + version + " (" + where + ")"));
      return "OkHttp is on the class path more than once: " + String.join(" and ", found) + ". berth needs "
          + "OkHttp 5 alone. com.squareup.okhttp3:okhttp 4.x and com.squareup.okhttp3:okhttp-jvm 5.x hold the "
          + "same classes under different artifactIds, so both get on the class path and class path order picks "
          + "a mix. Fix: exclude com.squareup.okhttp3:okhttp (4.x) from the dependency that brings it, or depend "
          + "on okhttp-jvm 5.x in its place; Maven's enforcer rule banDuplicateClasses keeps it from coming back "
          + "(README: Install, OkHttp 4 and 5)";
    }
    if (distinct.size() == 1 && major(distinct.get(0)) < 5) {
      return "berth needs OkHttp 5 (com.squareup.okhttp3:okhttp-jvm 5.x), but the class path has OkHttp "
          + distinct.get(0) + " (" + versions.keySet().iterator().next() + "). Fix: depend on okhttp-jvm 5.x "
          + "in place of com.squareup.okhttp3:okhttp 4.x (README: Install, OkHttp 4 and 5)";
    }
    return null;
  }

  /** The jar or directory a class file was found in. */
  private static URL root(URL classFile) throws IOException {
    if ("jar".equals(classFile.getProtocol())) {
      return ((JarURLConnection) classFile.openConnection()).getJarFileURL();
    }
    String s = classFile.toString();
    return new URL(s.substring(0, s.length() - CLASS_FILE.length()));
  }

  private static String describe(URL root) {
    String path = root.getPath();
    return path.isEmpty() ? root.toString() : path;
  }

  /** OkHttp.VERSION as that copy declares it, read in a loader of its own; "unknown" if it cannot be. */
  private static String version(URL root) {
    try (URLClassLoader alone = new URLClassLoader(new URL[] {root}, null)) {
      Object v = Class.forName("okhttp3.OkHttp", true, alone).getField("VERSION").get(null);
      return String.valueOf(v);
    } catch (ReflectiveOperationException | LinkageError | IOException e) {
      return "unknown";
    }
  }

  private static int major(String version) {
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE; // "unknown" or a build of its own: not judged as old
    }
  }
}
