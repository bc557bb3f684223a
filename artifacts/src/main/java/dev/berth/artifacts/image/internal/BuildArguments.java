package dev.berth.artifacts.image.internal;

import static dev.berth.artifacts.image.internal.InstructionArgs.substitute;
import static dev.berth.artifacts.image.internal.InstructionArgs.words;

import dev.berth.artifacts.image.Dockerfile.Instruction;
import dev.berth.artifacts.image.DockerfileException;
import dev.berth.core.Platform;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code ARG} declaration sets a build argument to, by Docker's precedence, including the
 * automatic {@code TARGETPLATFORM}/{@code BUILDPLATFORM} family.
 */
final class BuildArguments {
  private BuildArguments() {}

  /**
   * Declares the ARG names of {@code ins} in {@code into}: a build argument's value wins, then the
   * default, then (inside the stage) the global value of the same name, then the platform's for the
   * automatic TARGET and BUILD arguments.
   */
  static void declareArgs(Instruction ins, Map<String, String> into, Map<String, String> global,
      Map<String, String> buildArgs, @Nullable Platform platform, char escape) {
    for (String word : words(ins)) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new DockerfileException(ins.line(), "ARG name \"" + name + "\" is not a variable name");
      }
      String value;
      if (buildArgs.containsKey(name)) {
        value = buildArgs.get(name);
      } else if (eq >= 0) {
        Map<String, String> scope = new LinkedHashMap<>(global);
        scope.putAll(into);
        value = substitute(word.substring(eq + 1), scope, escape, ins);
      } else if (global != into && global.containsKey(name)) {
        value = global.get(name);
      } else {
        value = automatic(name, platform);
      }
      if (value != null) {
        into.put(name, value);
      } else {
        into.remove(name);
      }
    }
  }

  private static @Nullable String automatic(String name, @Nullable Platform target) {
    Platform build = hostPlatform();
    Platform p = name.startsWith("TARGET") ? target : name.startsWith("BUILD") ? build : null;
    if (p == null) {
      return null;
    }
    return switch (name.substring(name.startsWith("TARGET") ? 6 : 5)) {
      case "PLATFORM" -> p.os() + "/" + p.architecture() + (p.variant() == null ? "" : "/" + p.variant());
      case "OS" -> p.os();
      case "ARCH" -> p.architecture();
      case "VARIANT" -> p.variant() == null ? "" : p.variant();
      default -> null;
    };
  }

  private static Platform hostPlatform() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    arch = switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return Platform.of("linux", arch, null);
  }
}
