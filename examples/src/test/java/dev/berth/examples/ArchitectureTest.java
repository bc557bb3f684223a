package dev.berth.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The structure the build holds us to (docs/ARCHITECTURE.md): no module reaches into another module's
 * {@code internal} packages, the API packages form no dependency cycle, and no main source file grows past
 * 450 lines. Run from here because this module's tests see every shipped module.
 */
class ArchitectureTest {
  /** The shipped modules' root packages; each may use only its own internals. */
  private static final List<String> MODULES = List.of(
      "dev.berth.auth", "dev.berth.core", "dev.berth.artifacts", "dev.berth.cli", "dev.berth.examples");
  /** Past this a file is doing more than one job: split it by responsibility, not in halves. */
  private static final int MAX_LINES = 450;

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.berth");

  @Test
  void theModulesWereAllImported() {
    for (String module : MODULES) {
      assertTrue(CLASSES.stream().anyMatch(c -> c.getPackageName().startsWith(module)),
          "no classes of " + module + " were found: the rules below would hold vacuously");
    }
  }

  @Test
  void noModuleUsesAnotherModulesInternals() {
    for (String module : MODULES) {
      noClasses().that().resideOutsideOfPackage(module + "..")
          .should().dependOnClassesThat().resideInAPackage(module + "..internal..")
          .because("internal packages are not API: only " + module + " itself may use them")
          .check(CLASSES);
    }
  }

  @Test
  void apiPackagesFormNoCycle() {
    // A package and its own internal packages are one slice: they work together by design. Two features
    // (say remote and copy, or core and its model) must not depend on each other both ways.
    slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith("dev.berth.")) {
          return SliceIdentifier.ignore();
        }
        int internal = pkg.indexOf(".internal");
        return SliceIdentifier.of(internal < 0 ? pkg : pkg.substring(0, internal));
      }

      @Override
      public String getDescription() {
        return "berth packages, each with its internal packages";
      }
    }).should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void noModuleImportsAnotherModulesInternalsInItsSources() throws IOException {
    // The bytecode rule above sees the modules on this test's class path; this one reads every module's
    // sources (the Maven plugin and the benchmark too), by their import lines.
    Path root = Path.of("").toAbsolutePath().getParent();
    java.util.regex.Pattern internalImport =
        java.util.regex.Pattern.compile("^import (?:static )?dev\\.berth\\.([a-z]+)(?:\\.[a-z0-9]+)*\\.internal\\.");
    List<String> offenders = new ArrayList<>();
    for (Path f : mainSources(root)) {
      String module = root.relativize(f).getName(0).toString();
      String own = module.equals("maven-plugin") ? "maven" : module;
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        java.util.regex.Matcher m = internalImport.matcher(lines.get(i));
        if (m.find() && !m.group(1).equals(own)) {
          offenders.add(root.relativize(f) + ":" + (i + 1) + " " + lines.get(i));
        }
      }
    }
    assertEquals(List.of(), offenders, "internal packages are for their own module only");
  }

  @Test
  void noMainSourceFileIsLongerThan450Lines() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<Path> sources = mainSources(root);
    assertTrue(sources.size() > 100, "the walk found only " + sources.size() + " main sources under " + root);
    List<String> tooLong = new ArrayList<>();
    for (Path f : sources) {
      long lines;
      try (Stream<String> l = Files.lines(f)) {
        lines = l.count();
      }
      if (lines > MAX_LINES) {
        tooLong.add(root.relativize(f) + " (" + lines + " lines)");
      }
    }
    assertEquals(List.of(), tooLong, "split these files by responsibility (at most " + MAX_LINES + " lines)");
  }

  private static List<Path> mainSources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(p -> !p.toString().contains("/target/"))
          .toList();
    }
  }
}
