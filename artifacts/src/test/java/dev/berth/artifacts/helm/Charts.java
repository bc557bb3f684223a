package dev.berth.artifacts.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small chart directories for tests. */
final class Charts {
  private Charts() {}

  static Path chartDir(Path parent, String name, String version) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name + "-src-" + version.replace('+', '_')));
    Files.writeString(dir.resolve("Chart.yaml"), """
        apiVersion: v2
        name: %s
        description: A test chart
        type: application
        version: %s
        appVersion: "1.0"
        """.formatted(name, version));
    Files.writeString(dir.resolve("values.yaml"), "greeting: hello\n");
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("templates/configmap.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-cm
        data:
          greeting: {{ .Values.greeting | quote }}
        """);
    Files.writeString(dir.resolve("templates/.editor-swap"), "should be ignored by default");
    Files.writeString(dir.resolve(".helmignore"), "*.tmp\nscratch/\n");
    Files.writeString(dir.resolve("notes.tmp"), "ignored");
    Files.createDirectories(dir.resolve("scratch"));
    Files.writeString(dir.resolve("scratch/big.bin"), "ignored");
    return dir;
  }
}
