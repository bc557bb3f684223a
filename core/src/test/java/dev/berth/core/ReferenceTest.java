package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests for {@link Reference}, covering at least the cases of distribution/reference's
 * reference_test.go and normalize_test.go (rewritten here, with berth's expected normal forms).
 */
class ReferenceTest {
  private static final String SHA256_F = "sha256:" + "f".repeat(64);
  private static final String SHA256_D =
      "sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";
  private static final String SHA512_F = "sha512:" + "f".repeat(128);

  /** input, registry, repository, tag, digest (null for none). */
  static Stream<Arguments> valid() {
    return Stream.of(
        // Docker Hub familiar forms
        Arguments.of("alpine", "docker.io", "library/alpine", null, null),
        Arguments.of("alpine:3.19", "docker.io", "library/alpine", "3.19", null),
        Arguments.of("test_com", "docker.io", "library/test_com", null, null),
        Arguments.of("test.com:tag", "docker.io", "library/test.com", "tag", null),
        Arguments.of("test.com:5000", "docker.io", "library/test.com", "5000", null),
        Arguments.of("foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", null),
        Arguments.of("foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080", null),
        Arguments.of("lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", null),
        Arguments.of("docker/docker", "docker.io", "docker/docker", null, null),
        Arguments.of("library/debian", "docker.io", "library/debian", null, null),
        Arguments.of("docker.io/debian", "docker.io", "library/debian", null, null),
        Arguments.of("docker.io/library/debian", "docker.io", "library/debian", null, null),
        Arguments.of("index.docker.io/debian", "docker.io", "library/debian", null, null),
        Arguments.of("index.docker.io/docker/docker", "docker.io", "docker/docker", null, null),
        Arguments.of("docker.io/library/foo/bar", "docker.io", "library/foo/bar", null, null),
        Arguments.of("store/foo/bar", "docker.io", "store/foo/bar", null, null),
        Arguments.of("other/library", "docker.io", "other/library", null, null),
        Arguments.of("test_com/foo", "docker.io", "test_com/foo", null, null),
        Arguments.of("localhost", "docker.io", "library/localhost", null, null),
        Arguments.of("localhost:5000", "docker.io", "library/localhost", "5000", null),
        Arguments.of("192.168.1.1", "docker.io", "library/192.168.1.1", null, null),
        Arguments.of("192.168.1.1:tag", "docker.io", "library/192.168.1.1", "tag", null),
        Arguments.of("192.168.1.1:5000", "docker.io", "library/192.168.1.1", "5000", null),
        Arguments.of("thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", "docker.io",
            "library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", null, null),
        Arguments.of("dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9", "docker.io",
            "library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9", null, null),
        Arguments.of("docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "docker.io",
            "library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", null, null),
        Arguments.of("redis@" + SHA256_D, "docker.io", "library/redis", null, SHA256_D),
        Arguments.of("busybox:latest@" + SHA256_D, "docker.io", "library/busybox", "latest", SHA256_D),
        // separators
        Arguments.of("docker-rules/docker", "docker.io", "docker-rules/docker", null, null),
        Arguments.of("docker---rules/docker", "docker.io", "docker---rules/docker", null, null),
        Arguments.of("dock__er/docker", "docker.io", "dock__er/docker", null, null),
        Arguments.of("d/docker", "docker.io", "d/docker", null, null),
        Arguments.of("jess/t", "docker.io", "jess/t", null, null),
        Arguments.of("ns/a.b_c__d-e--f/g", "docker.io", "ns/a.b_c__d-e--f/g", null, null),
        // registries: names, ports, localhost
        Arguments.of("test.com/repo:tag", "test.com", "repo", "tag", null),
        Arguments.of("test:5000/repo", "test:5000", "repo", null, null),
        Arguments.of("test:5000/repo:tag", "test:5000", "repo", "tag", null),
        Arguments.of("test:5000/repo@" + SHA256_F, "test:5000", "repo", null, SHA256_F),
        Arguments.of("test:5000/repo:tag@" + SHA256_F, "test:5000", "repo", "tag", SHA256_F),
        Arguments.of("test-com:8080/foo", "test-com:8080", "foo", null, null),
        Arguments.of("localhost/foo", "localhost", "foo", null, null),
        Arguments.of("localhost:5000/foo/bar:v1", "localhost:5000", "foo/bar", "v1", null),
        Arguments.of("ghcr.io/owner/app:1.0.0", "ghcr.io", "owner/app", "1.0.0", null),
        Arguments.of("EXAMPLE.com/foo", "EXAMPLE.com", "foo", null, null),
        Arguments.of("sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", "bar/baz/quux", null, null),
        Arguments.of("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux",
            "some-long-tag", null),
        Arguments.of("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app",
            "test.example.com", null),
        Arguments.of("xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", null),
        Arguments.of("xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo", null, null),
        Arguments.of("xn--7o8h.com/myimage:xn--7o8h.com@" + SHA512_F, "xn--7o8h.com", "myimage", "xn--7o8h.com",
            SHA512_F),
        Arguments.of("example.com:8000/named@" + SHA256_D, "example.com:8000", "named", null, SHA256_D),
        Arguments.of("registry-1.docker.io/library/alpine", "registry-1.docker.io", "library/alpine", null, null),
        // IPv4 and IPv6
        Arguments.of("192.168.1.1/repo", "192.168.1.1", "repo", null, null),
        Arguments.of("192.168.1.1:5000/repo", "192.168.1.1:5000", "repo", null, null),
        Arguments.of("192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050", null),
        Arguments.of("127.0.0.1:5000/docker/docker", "127.0.0.1:5000", "docker/docker", null, null),
        Arguments.of("192.168.0.1:8/debian", "192.168.0.1:8", "debian", null, null),
        Arguments.of("[2001:db8::1]/repo", "[2001:db8::1]", "repo", null, null),
        Arguments.of("[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag", null),
        Arguments.of("[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", "repo", null, null),
        Arguments.of("[2001:db8::1]:5000/repo:tag", "[2001:db8::1]:5000", "repo", "tag", null),
        Arguments.of("[2001:db8::1]:5000/repo@" + SHA256_F, "[2001:db8::1]:5000", "repo", null, SHA256_F),
        Arguments.of("[2001:db8::1]:5000/repo:tag@" + SHA256_F, "[2001:db8::1]:5000", "repo", "tag", SHA256_F),
        Arguments.of("[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo", null, null),
        Arguments.of("[::1]:5000/repo", "[::1]:5000", "repo", null, null),
        Arguments.of("[::]/repo", "[::]", "repo", null, null),
        Arguments.of("[FC00::1]:5000/docker", "[FC00::1]:5000", "docker", null, null),
        Arguments.of("[fc00:1:2:3:4:5:6:7]:5000/library/debian", "[fc00:1:2:3:4:5:6:7]:5000", "library/debian",
            null, null),
        // tags
        Arguments.of("r/t:_under", "docker.io", "r/t", "_under", null),
        Arguments.of("r/t:" + "a".repeat(128), "docker.io", "r/t", "a".repeat(128), null),
        Arguments.of("r/t:v1.2.3-rc.1_build", "docker.io", "r/t", "v1.2.3-rc.1_build", null),
        // digests: registered and carried-but-unverifiable algorithms
        Arguments.of("example.com/r@sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", "example.com", "r",
            null, "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564"),
        // lengths: the 255 limit is on the repository path alone
        Arguments.of("example.com/" + "a".repeat(255), "example.com", "a".repeat(255), null, null),
        Arguments.of("a/".repeat(127) + "a:tag-puts-this-over-max", "docker.io", "a/".repeat(127) + "a",
            "tag-puts-this-over-max", null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void parsesValidReferences(String input, String registry, String repository, String tag, String digest) {
    Reference ref = Reference.parse(input);
    assertEquals(registry, ref.registry(), "registry");
    assertEquals(repository, ref.repository(), "repository");
    assertEquals(tag, ref.tag(), "tag");
    assertEquals(digest, ref.digest() == null ? null : ref.digest().toString(), "digest");
    assertEquals(ref, Reference.parse(ref.toString()), "toString round-trips");
    assertEquals(ref.toString(), Reference.parse(ref.toString()).toString());
  }

  /** input, a fragment the error message must contain (the bad part or character). */
  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of(":justtag", "no repository"),
        Arguments.of("@" + SHA256_F, "no repository before '@'"),
        Arguments.of("repo@sha256:ffffffffffffffffffffffffffffffffff", "64 hex characters"),
        Arguments.of("repo@sha256:" + "F".repeat(64), "lower-case hex"),
        Arguments.of("validname@Invalid:" + "f".repeat(64), "algorithm \"Invalid\""),
        Arguments.of("repo@", "digest"),
        Arguments.of("repo@sha256", "no ':'"),
        Arguments.of("repo@" + SHA256_F + "@" + SHA256_F, "more than one '@'"),
        Arguments.of("Uppercase:tag", "must be lower-case: 'U' at position 9"),
        Arguments.of("test:5000/Uppercase/lowercase:tag", "must be lower-case: 'U'"),
        Arguments.of("docker/Docker", "must be lower-case: 'D'"),
        Arguments.of("docker.io/docker/Docker", "must be lower-case"),
        Arguments.of("Uppercase/lowercase:tag", "if \"Uppercase\" is meant as a registry host: a host needs a '.'"),
        Arguments.of("Docker/docker", "must be lower-case"),
        Arguments.of("a/".repeat(128) + "a:tag", "257 characters long; the limit is 255"),
        Arguments.of("example.com/" + "a".repeat(256), "256 characters long"),
        Arguments.of("aa/asdf$$^/aa", "invalid character '$' at position 8"),
        Arguments.of("https://github.com/docker/docker", "must not be a URL"),
        Arguments.of("-docker", "must start with a lower-case letter or digit, not '-'"),
        Arguments.of("-docker/docker", "must start"),
        Arguments.of("docker-/docker", "must end"),
        Arguments.of("-docker-/docker", "must start"),
        Arguments.of("-docker.io/docker/docker", "label \"-docker\""),
        Arguments.of("docker///docker", "empty path component"),
        Arguments.of("docker.io/docker///docker", "empty path component"),
        Arguments.of("docker/", "empty path component at the end"),
        Arguments.of("example.com/", "repository name is empty"),
        Arguments.of("____/____", "must start"),
        Arguments.of("_docker/_docker", "must start"),
        // with a '.', the first component is a registry host, so these fail as hosts...
        Arguments.of("dock..er/docker", "empty label"),
        Arguments.of("dock_.er/docker", "invalid character '_'"),
        Arguments.of("dock-.er/docker", "starts or ends with '-'"),
        // ...and as repository components they fail on the separators
        Arguments.of("ns/dock..er", "two dots in a row"),
        Arguments.of("ns/dock_.er", "'_' and '.' next to each other"),
        Arguments.of("ns/dock-.er", "'-' and '.' next to each other"),
        Arguments.of("ns/dock._er", "'.' and '_' next to each other"),
        Arguments.of("dock___er/docker", "more than two underscores"),
        Arguments.of("1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "image ID"),
        Arguments.of("this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_"
            + "namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_"
            + "greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker",
            "the limit is 255"),
        // IPv6
        Arguments.of("[2001:db8::1]", "names only a registry host"),
        Arguments.of("[2001:db8::1]:5000", "names only a registry host"),
        Arguments.of("[2001:db8::1]:tag", "names only a registry host"),
        Arguments.of("[fc00::1]", "names only a registry host"),
        Arguments.of("fc00::1:5000/debian", "non-digit ':'"),
        Arguments.of("[fe80::1%eth0]:5000/repo", "'%'"),
        Arguments.of("[fe80::1%@invalidzone]:5000/repo", "credentials"),
        Arguments.of("[2001:db8:3:4::192.0.2.33]:5000/debian", "'.'"),
        Arguments.of("[2001:db8::1::2]/repo", "'::' may appear only once"),
        Arguments.of("[1:2:3:4:5:6:7]/repo", "7 groups (need 8"),
        Arguments.of("[1:2:3:4:5:6:7:8:9]/repo", "9 groups"),
        Arguments.of("[12345::1]/repo", "more than four hex digits"),
        Arguments.of("[]/repo", "nothing between"),
        Arguments.of("[::1/repo", "never closes"),
        Arguments.of("[::1]x/repo", "'x' after the IPv6 address"),
        Arguments.of("[:1::2]/repo", "empty group"),
        // hosts and ports
        Arguments.of("example.com:/repo", "empty port"),
        Arguments.of("example.com:0/repo", "outside 1-65535"),
        Arguments.of("example.com:65536/repo", "outside 1-65535"),
        Arguments.of("example.com:99999999999999999999/repo", "outside 1-65535"),
        Arguments.of("example.com:50a/repo", "non-digit 'a'"),
        Arguments.of("exa_mple.com/repo", "invalid character '_' at position 4"),
        Arguments.of("example..com/repo", "empty label"),
        Arguments.of(".example.com/repo", "empty label at the start"),
        Arguments.of("example.com./repo", "empty label at the end"),
        Arguments.of(":5000/repo", "empty host name"),
        // tags
        Arguments.of("repo:", "empty tag"),
        Arguments.of("repo:-tag", "must start with a letter, digit or '_', not '-'"),
        Arguments.of("repo:.tag", "not '.'"),
        Arguments.of("repo:ta+g", "invalid character '+' at position 3"),
        Arguments.of("repo:a:b", "invalid character ':'"),
        Arguments.of("r/t:" + "a".repeat(129), "129 characters long; the limit is 128"),
        Arguments.of("repo:tag/x", "port \"tag\" with a non-digit 't'"),
        // characters outside the grammar
        Arguments.of(" alpine", "U+0020"),
        Arguments.of("alpine ", "U+0020"),
        Arguments.of("alp\u00e9ne", "U+00E9"),
        Arguments.of("alp\u0000ne", "U+0000"),
        Arguments.of("ex\u0430mple.com/repo", "U+0430"),
        // credentials never echoed
        Arguments.of("user:s3cret@ghcr.io/owner/app", "credentials do not belong in a reference"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void refusesInvalidReferencesNamingTheBadPart(String input, String messageFragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reference.parse(input));
    assertTrue(e.getMessage().contains(messageFragment),
        () -> "message \"" + e.getMessage() + "\" should contain \"" + messageFragment + "\"");
  }

  @Test
  void upperCaseOwnerOnANamedRegistryGetsTheLowerCaseSpellingNotAHostHint() {
    // GitHub owners are often written with capitals; ghcr.io wants them lower-cased.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reference.parse("ghcr.io/MyOrg/app:1.0"));
    assertTrue(e.getMessage().contains("write \"myorg/app\""), e.getMessage());
    assertFalse(e.getMessage().contains("registry host"), e.getMessage());
  }

  @Test
  void nullIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Reference.parse(null));
  }

  @Test
  void credentialInInputNeverAppearsInMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reference.parse("user:s3cret@ghcr.io/owner/app:tag"));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  @Test
  void longBadInputIsShortenedInMessage() {
    String longName = "a".repeat(300) + "$";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Reference.parse("example.com/" + longName));
    assertTrue(e.getMessage().length() < 250, e.getMessage());
  }

  @Test
  void familiarNamesNormaliseToDockerHubLibrary() {
    assertEquals("docker.io/library/alpine", Reference.parse("alpine").toString());
    assertEquals("docker.io/library/alpine:3", Reference.parse("index.docker.io/alpine:3").toString());
    assertEquals("docker.io/user/app", Reference.parse("user/app").toString());
  }

  @Test
  void apiHostMapsDockerHubToItsRegistryHost() {
    assertEquals("registry-1.docker.io", Reference.parse("alpine").apiHost());
    assertEquals("registry-1.docker.io", Reference.parse("index.docker.io/x/y").apiHost());
    assertEquals("ghcr.io", Reference.parse("ghcr.io/o/r").apiHost());
    assertEquals("localhost:5000", Reference.parse("localhost:5000/r").apiHost());
    assertEquals("[::1]:5000", Reference.parse("[::1]:5000/r").apiHost());
  }

  @Test
  void checkTagIsTheOneTagRule() {
    assertEquals("v1.0-rc_1", Reference.checkTag("v1.0-rc_1"));
    assertEquals("_" + "a".repeat(127), Reference.checkTag("_" + "a".repeat(127)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reference.checkTag("bad tag"));
    assertTrue(e.getMessage().contains("\"bad tag\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Reference.checkTag("-x"));
    assertThrows(IllegalArgumentException.class, () -> Reference.checkTag(".x"));
    assertThrows(IllegalArgumentException.class, () -> Reference.checkTag("a".repeat(129)));
    assertThrows(IllegalArgumentException.class, () -> Reference.checkTag(""));
    assertThrows(IllegalArgumentException.class, () -> Reference.checkTag(null));
  }

  @Test
  void referencePrefersDigestOverTag() {
    assertEquals(SHA256_D, Reference.parse("a/b:t@" + SHA256_D).reference());
    assertEquals("t", Reference.parse("a/b:t").reference());
    assertNull(Reference.parse("a/b").reference());
  }

  @Test
  void withTagAndWithDigestKeepTheOtherPart() {
    Reference base = Reference.parse("test.com:8000/foo");
    assertEquals("test.com:8000/foo:TAG5", base.withTag("TAG5").toString());
    Digest d = Digest.parse(SHA256_D);
    assertEquals("test.com:8000/foo:TAG5@" + SHA256_D, base.withDigest(d).withTag("TAG5").toString());
    assertEquals("test.com:8000/foo:TAG5@" + SHA256_D, base.withTag("TAG5").withDigest(d).toString());
    assertEquals("test.com:8000/foo", base.withTag("x").withDigest(d).withoutTagOrDigest().toString());
    assertEquals("test.com:8000/foo@" + SHA256_D, base.withTag("x").withDigest(d).withTag(null).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base.withTag("-foo"));
    assertTrue(e.getMessage().contains("tag"), e.getMessage());
  }

  @Test
  void ofValidatesAndNormalises() {
    assertEquals("docker.io/library/alpine", Reference.of("docker.io", "alpine").toString());
    assertEquals("docker.io/library/alpine", Reference.of("index.docker.io", "alpine").toString());
    assertEquals("ghcr.io/alpine", Reference.of("ghcr.io", "alpine").toString());
    assertEquals("ghcr.io/o/r", Reference.of("ghcr.io", "o/r").name());
    assertThrows(IllegalArgumentException.class, () -> Reference.of("ghcr.io", "O/r"));
    assertThrows(IllegalArgumentException.class, () -> Reference.of("gh cr.io", "o/r"));
    assertThrows(IllegalArgumentException.class, () -> Reference.of(null, "o/r"));
    assertThrows(IllegalArgumentException.class, () -> Reference.of("ghcr.io", null));
  }

  @Test
  void equalReferencesFromDifferentSpellings() {
    assertEquals(Reference.parse("docker.io/library/debian"), Reference.parse("debian"));
    assertEquals(Reference.parse("index.docker.io/library/debian"), Reference.parse("docker.io/debian"));
  }
}
