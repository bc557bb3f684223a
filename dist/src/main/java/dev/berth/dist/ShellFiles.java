package dev.berth.dist;

import dev.berth.cli.Berth;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the distribution's generated files from berth's own command tree, so they never drift from the
 * commands: the bash completion script (picocli's {@link AutoComplete}; zsh runs it through
 * {@code bashcompinit}) and one AsciiDoc man page per command (picocli's {@link ManPageGenerator}), which
 * the build then turns into troff man pages.
 *
 * <p>Arguments: the berth version, the completion directory, the AsciiDoc directory.
 */
public final class ShellFiles {
  private static final int LINE_WIDTH = 200;
  /** An italic parameter label holding brackets, as picocli writes them: {@code _OS/ARCH[/VARIANT]_}. */
  private static final Pattern ITALIC_LABEL = Pattern.compile("_[A-Z][^_\\s]*\\[[^_\\s]*_");

  private ShellFiles() {}

  /** Entry point for the build (exec-maven-plugin). */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ShellFiles VERSION COMPLETION_DIR ADOC_DIR");
    }
    String version = args[0];
    Path completionDir = Path.of(args[1]);
    Path adocDir = Path.of(args[2]);

    CommandLine berth = Berth.fullCommandLine();
    // The man pages say which berth they describe, not which JVM happened to build them (as --version does).
    berth.getCommandSpec().versionProvider(() -> new String[] {"berth " + version});
    // Wide enough that no synopsis line breaks inside a parameter label such as FILE[:MEDIATYPE].
    berth.setUsageHelpWidth(LINE_WIDTH);

    Files.createDirectories(completionDir);
    Files.writeString(completionDir.resolve("berth.bash"), AutoComplete.bash("berth", berth),
        StandardCharsets.UTF_8);

    Files.createDirectories(adocDir);
    int status = ManPageGenerator.generateManPage(adocDir.toFile(), (File) null, new boolean[] {false}, true,
        berth.getCommandSpec());
    if (status != 0) {
      throw new IOException("picocli's ManPageGenerator failed with status " + status);
    }
    try (Stream<Path> pages = Files.list(adocDir)) {
      for (Path page : pages.toList()) {
        Files.writeString(page, escapeBracketsInLabels(Files.readString(page)));
      }
    }
  }

  /**
   * Picocli writes a parameter label in italics ({@code _FILE[:MEDIATYPE]_}); Asciidoctor reads the
   * brackets inside as an attribute list and drops the text, so they become the {@code {startsb}} and
   * {@code {endsb}} references, which Asciidoctor substitutes after formatting.
   */
  static String escapeBracketsInLabels(String adoc) {
    return ITALIC_LABEL.matcher(adoc).replaceAll(m -> Matcher.quoteReplacement(
        m.group().replace("[", "{startsb}").replace("]", "{endsb}")));
  }
}
