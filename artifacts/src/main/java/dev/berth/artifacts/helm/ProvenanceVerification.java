package dev.berth.artifacts.helm;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A provenance file that verified: who signed it, and the chart it vouches for.
 *
 * @param keyId the signing key's 64-bit id, 16 upper-case hex digits (a subkey's id when a subkey signed)
 * @param fingerprint the signing key's fingerprint, upper-case hex
 * @param userId the first user id of the signer's primary key ({@code Name <email>}), or null when it has none
 * @param signedAt the signature's creation time
 * @param fileName the chart file name the signed {@code files:} section lists ({@code NAME-VERSION.tgz})
 * @param chartDigest the chart's SHA-256, as listed and as computed: {@code sha256:HEX}
 */
public record ProvenanceVerification(String keyId, String fingerprint, @Nullable String userId, Instant signedAt,
    @Nullable String fileName, @Nullable String chartDigest) {}
