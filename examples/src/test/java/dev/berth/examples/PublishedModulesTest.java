package dev.berth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.Annotations;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Digest;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published modules' descriptors, as built: every package that is not {@code internal} is exported
 * (so a package someone adds is not silently hidden from users), no {@code internal} package is, and every
 * exported package has a package comment (doclint checks the comments themselves, not that they exist).
 */
class PublishedModulesTest {
  @ParameterizedTest
  @ValueSource(strings = {"auth", "core", "artifacts"})
  void exportsExactlyTheNonInternalPackagesAndEachHasAPackageComment(String module) throws Exception {
    ModuleDescriptor descriptor = descriptor(module);
    assertEquals("dev.berth." + module, descriptor.name());

    Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    Set<String> api = descriptor.packages().stream().filter(p -> !isInternal(p))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(api, exported, "dev.berth." + module + "'s module-info.java must export every API package");
    assertTrue(descriptor.exports().stream().noneMatch(e -> isInternal(e.source())), descriptor.toString());

    Path sources = Path.of("..", module, "src/main/java");
    for (String pkg : exported) {
      Path info = sources.resolve(pkg.replace('.', '/')).resolve("package-info.java");
      assertTrue(Files.isRegularFile(info) && Files.readString(info).contains("/**"),
          pkg + " is exported, so it needs a package comment in " + info);
    }
  }

  /**
   * Nullness is stated, not described: every package, internal ones included, is {@code @NullMarked}
   * (NullAway then checks the code against it at compile time; see the root pom's nullness profile), and
   * no name says "or null" where {@code @Nullable} says it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"auth", "core", "artifacts"})
  void everyPackageIsNullMarkedAndNoNameSaysOrNull(String module) throws Exception {
    ModuleDescriptor descriptor = descriptor(module);
    Path sources = Path.of("..", module, "src/main/java");
    Set<String> unmarked = new TreeSet<>();
    for (String pkg : descriptor.packages()) {
      Path info = sources.resolve(pkg.replace('.', '/')).resolve("package-info.java");
      if (!Files.isRegularFile(info) || !Files.readString(info).contains("@NullMarked")) {
        unmarked.add(pkg);
      }
    }
    assertEquals(Set.of(), unmarked, "packages of dev.berth." + module + " without @NullMarked in package-info.java");
    Set<String> orNull = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = OR_NULL.matcher(Files.readString(f));
        while (m.find()) {
          orNull.add(sources.relativize(f) + ": " + m.group());
        }
      }
    }
    assertEquals(Set.of(), orNull, "say @Nullable instead of naming it");
  }

  private static final Pattern OR_NULL = Pattern.compile("\\b\\w+OrNull\\b");

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  private static ModuleDescriptor descriptor(String module) throws URISyntaxException {
    Class<?> member = switch (module) {
      case "auth" -> CredentialProvider.class;
      case "core" -> Digest.class;
      default -> Annotations.class;
    };
    Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    return ModuleFinder.of(location).findAll().iterator().next().descriptor();
  }
}
