package dev.berth.cli;

import dev.berth.artifacts.github.GitHubPackages;
import dev.berth.artifacts.github.PackageOwner;
import dev.berth.artifacts.github.PackageVersion;
import dev.berth.artifacts.github.PrunePlan;
import dev.berth.artifacts.github.PrunePlanner;
import dev.berth.artifacts.github.PruneRules;
import dev.berth.auth.Credential;
import dev.berth.auth.FoundCredential;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.NotFoundException;
import dev.berth.core.Reference;
import dev.berth.core.remote.Repository;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth packages list|delete|restore|prune}: ghcr.io package housekeeping through GitHub's
 * packages REST API, since ghcr.io refuses the registry API's deletes. The token is the credential
 * berth would present to the registry (its password), so a {@code berth login ghcr.io} or {@code
 * GITHUB_TOKEN} is enough; listing needs read:packages, deleting admin on the package and
 * delete:packages.
 */
@Command(name = "packages", mixinStandardHelpOptions = true,
    description = "List, delete, restore and prune versions of a ghcr.io package (GitHub's packages API).",
    subcommands = {PackagesCommand.ListVersions.class, PackagesCommand.Delete.class, PackagesCommand.Restore.class,
        PackagesCommand.Prune.class})
final class PackagesCommand {

  /** What every packages command shares: the package reference, the API and the owner kind. */
  abstract static class PackageCommand extends BerthCommand {
    @Parameters(index = "0", paramLabel = "PACKAGE",
        description = "ghcr.io/OWNER/NAME (NAME may be nested: ghcr.io/octo/tools/base).")
    String ref;

    @Option(names = "--api-url", paramLabel = "URL",
        description = "GitHub's REST API root (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3).")
    String apiUrl;

    @Option(names = "--owner-type", paramLabel = "org|user",
        description = "Whether OWNER is an organisation or a user (default: asked of the API).")
    String ownerType;

    Reference reference;
    String owner;
    String packageName;

    /** The API client, with the credential berth would present to the package's registry. */
    GitHubPackages api(Session session) throws IOException {
      reference = Reference.parse(ref);
      String repository = reference.repository();
      int slash = repository.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException(ref + " names no package: write HOST/OWNER/NAME, e.g. ghcr.io/octo/app");
      }
      owner = repository.substring(0, slash);
      packageName = repository.substring(slash + 1);
      session.workingOn(new TargetArg.Remote(reference), !(this instanceof ListVersions));
      FoundCredential found = session.credentials().find(reference.registry());
      String token = found.credential() instanceof Credential.UsernamePassword u ? u.password()
          : found.credential() instanceof Credential.AccessToken a ? a.token() : null;
      GitHubPackages.Builder b = GitHubPackages.builder().token(token, found.isAnonymous() ? null : found.describe());
      if (apiUrl != null) {
        b.apiUrl(apiUrl);
      }
      if (session.options().verbose()) {
        session.console().err().println("* GitHub API for " + reference.registry() + ": "
            + (token == null ? "no token" : "token of " + found.describe()));
      }
      return b.build();
    }

    PackageOwner owner(GitHubPackages api) throws IOException {
      if (ownerType == null) {
        return api.ownerOf(owner);
      }
      return switch (ownerType.toLowerCase(Locale.ROOT)) {
        case "org", "organisation", "organization" -> PackageOwner.org(owner);
        case "user" -> PackageOwner.user(owner);
        default -> throw new IllegalArgumentException("--owner-type must be org or user, not " + ownerType);
      };
    }

    static String line(PackageVersion v) {
      return v.id() + "  " + v.name() + "  " + (v.tags().isEmpty() ? "-" : String.join(",", v.tags()))
          + "  " + (v.createdAt() == null ? "-" : v.createdAt());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the package's versions, newest first: id, digest, tags, creation time (separated by two spaces).")
  static final class ListVersions extends PackageCommand {
    @Option(names = "--deleted", description = "List the versions deleted in the last 30 days instead (restorable).")
    boolean deleted;

    @Override
    protected int run(Session session) throws Exception {
      GitHubPackages api = api(session);
      for (PackageVersion v : api.listVersions(owner(api), packageName, deleted)) {
        session.console().result(line(v));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete the version a tag or digest names (every tag it has goes with it), a version by id,"
          + " or with --package the whole package.")
  static final class Delete extends PackageCommand {
    @Option(names = "--version-id", paramLabel = "ID", description = "The version's id (from berth packages list).")
    Long versionId;

    @Option(names = "--package", description = "Delete the whole package, every version.")
    boolean wholePackage;

    @Override
    protected int run(Session session) throws Exception {
      GitHubPackages api = api(session);
      Reference r = reference;
      int ways = (versionId != null ? 1 : 0) + (wholePackage ? 1 : 0) + (r.tag() != null || r.digest() != null ? 1 : 0);
      if (ways != 1) {
        throw new IllegalArgumentException("name one thing to delete: PACKAGE:TAG, PACKAGE@DIGEST, --version-id ID"
            + " or --package");
      }
      PackageOwner o = owner(api);
      if (wholePackage) {
        api.deletePackage(o, packageName);
        session.console().result("deleted package " + r.registry() + "/" + r.repository());
        return ExitCodes.OK;
      }
      if (versionId != null) {
        api.deleteVersion(o, packageName, versionId);
        session.console().result("deleted version " + versionId);
        return ExitCodes.OK;
      }
      PackageVersion v = r.digest() != null ? api.deleteVersionByDigest(o, packageName, r.digest())
          : api.deleteVersionByTag(o, packageName, r.tag());
      session.console().result("deleted " + line(v));
      return ExitCodes.OK;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Restore a version deleted in the last 30 days (by digest or --version-id), or with --package"
          + " the whole package.")
  static final class Restore extends PackageCommand {
    @Option(names = "--version-id", paramLabel = "ID", description = "The deleted version's id (berth packages list --deleted).")
    Long versionId;

    @Option(names = "--package", description = "Restore the whole package.")
    boolean wholePackage;

    @Override
    protected int run(Session session) throws Exception {
      GitHubPackages api = api(session);
      Reference r = reference;
      PackageOwner o = owner(api);
      if (wholePackage) {
        api.restorePackage(o, packageName);
        session.console().result("restored package " + r.registry() + "/" + r.repository());
        return ExitCodes.OK;
      }
      long id;
      if (versionId != null) {
        id = versionId;
      } else if (r.digest() != null) {
        String wanted = r.digest().toString();
        id = api.listVersions(o, packageName, true).stream().filter(v -> v.name().equals(wanted)).findFirst()
            .orElseThrow(() -> new NotFoundException("no deleted version of " + r.registry() + "/" + r.repository()
                + " has digest " + wanted + " (GitHub keeps deleted versions 30 days)")).id();
      } else {
        throw new IllegalArgumentException("name the version to restore: PACKAGE@DIGEST, --version-id ID or --package"
            + " (a deleted version has lost its tags)");
      }
      api.restoreVersion(o, packageName, id);
      session.console().result("restored version " + id);
      return ExitCodes.OK;
    }
  }

  @Command(name = "prune", mixinStandardHelpOptions = true,
      description = "Delete versions by rules; never one a kept multi-platform index or referrers index still"
          + " references. --dry-run prints exactly what would go.")
  static final class Prune extends PackageCommand {
    @Option(names = "--keep-tagged", paramLabel = "N",
        description = "Keep the N newest tagged versions and delete older tagged ones (fallback tags sha256-... do not count).")
    Integer keepTagged;

    @Option(names = "--untagged-older-than", paramLabel = "AGE",
        description = "Delete untagged versions created longer ago than AGE: 30d, 12h, 90m.")
    String untaggedOlderThan;

    @Option(names = "--orphaned-referrers",
        description = "Delete referrers fallback tags (sha256-HEX, sha256-HEX.sig) whose subject is gone or goes now.")
    boolean orphanedReferrers;

    @Option(names = "--dry-run", description = "Print what would be deleted and why; delete nothing.")
    boolean dryRun;

    @Override
    protected int run(Session session) throws Exception {
      PruneRules.Builder chosen = PruneRules.builder().orphanedReferrerTags(orphanedReferrers);
      if (keepTagged != null) {
        chosen.keepTagged(keepTagged);
      }
      if (untaggedOlderThan != null) {
        chosen.untaggedOlderThan(age(untaggedOlderThan));
      }
      PruneRules rules = chosen.build();
      if (!rules.deletesAnything()) {
        throw new IllegalArgumentException("no rule given: pass --keep-tagged N, --untagged-older-than AGE"
            + " or --orphaned-referrers");
      }
      GitHubPackages api = api(session);
      PackageOwner o = owner(api);
      List<PackageVersion> versions = api.listVersions(o, packageName);
      session.workingOn(new TargetArg.Remote(reference.withoutTagOrDigest()), false);
      Repository repo = session.repository(new TargetArg.Remote(reference.withoutTagOrDigest()));
      PrunePlan plan = PrunePlanner.plan(versions, rules, Instant.now(), digest -> children(repo, digest));
      session.workingOn(new TargetArg.Remote(reference.withoutTagOrDigest()), true);
      int deleted = 0;
      for (PrunePlan.Decision d : plan.delete()) {
        if (dryRun) {
          session.console().result("would delete  " + line(d.version()) + "  " + d.reason());
          continue;
        }
        api.deleteVersion(o, packageName, d.version().id());
        deleted++;
        session.console().result("deleted  " + line(d.version()) + "  " + d.reason());
      }
      session.console().note((dryRun ? "would delete " : "deleted ") + (dryRun ? plan.delete().size() : deleted)
          + " of " + versions.size() + " versions; kept " + plan.keep().size());
      return ExitCodes.OK;
    }

    private static List<Digest> children(Repository repo, Digest digest) throws IOException {
      EncodedManifest m = repo.fetchManifest(digest.toString());
      List<Digest> out = new ArrayList<>();
      if (m.isIndex()) {
        for (Descriptor d : m.index().manifests()) {
          out.add(d.digest());
        }
      }
      return out;
    }

    static Duration age(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.length() < 2 || !t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)
          || t.length() > 10) {
        throw new IllegalArgumentException("--untagged-older-than takes a number and a unit (d, h, m, s), e.g. 30d;"
            + " got " + text);
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 'd' -> Duration.ofDays(n);
        case 'h' -> Duration.ofHours(n);
        case 'm' -> Duration.ofMinutes(n);
        case 's' -> Duration.ofSeconds(n);
        default -> throw new IllegalArgumentException("--untagged-older-than: unknown unit in " + text
            + " (d, h, m or s)");
      };
    }
  }
}
