/**
 * Test fixtures that start real servers for berth's integration tests. Test scope only; never
 * shipped (except to the benchmark, berth-bench).
 *
 * <ul>
 *   <li>{@link dev.berth.testkit.RegistryServer}: Debian's {@code docker-registry} (distribution
 *       2.8) on a free loopback port, plain or TLS, open, htpasswd or token auth.
 *   <li>{@link dev.berth.testkit.TestPki}: a throwaway CA (TLS certificates, a client trust
 *       manager) and the token signing key.
 *   <li>{@link dev.berth.testkit.TokenServer}: an in-process docker token / OAuth2 server with
 *       per-user, per-repository grants and a record of the requests it answered.
 *   <li>{@link dev.berth.testkit.FaultProxy}: a streaming HTTP/1.1 proxy that injects resets,
 *       truncations, error statuses, delays and corrupted bytes, or adds constant latency.
 *   <li>{@link dev.berth.testkit.Skopeo}, {@link dev.berth.testkit.Umoci},
 *       {@link dev.berth.testkit.ProcessRunner}: the real tools, for interoperability tests.
 * </ul>
 *
 * <h2>Distribution 2.8 behaviours the testkit's own tests pin down</h2>
 *
 * <ul>
 *   <li>OCI image manifests with any config media type, {@code artifactType}, {@code subject} and
 *       {@code annotations}, and OCI indexes, are accepted without configuration, and served
 *       byte for byte.
 *   <li>A GET of an OCI manifest or index whose Accept header does not name its media type is
 *       answered 404 MANIFEST_UNKNOWN.
 *   <li>There is no referrers API ({@code /v2/NAME/referrers/DIGEST} is 404): use the referrers
 *       tag schema.
 *   <li>A single {@code POST /blobs/uploads/?digest=} with a body is not a monolithic upload:
 *       the registry answers 202 with a Location and ignores the body, so the client must PUT.
 *   <li>Upload Locations are absolute URLs built from the request's Host header.
 *   <li>If a PATCH breaks mid-body, the upload's size no longer matches its {@code _state}
 *       token; the next request on that Location gets 404 BLOB_UPLOAD_INVALID and the upload is
 *       cancelled, so clients must start a new upload.
 *   <li>Token auth: DELETE needs the {@code delete} action; an ungranted push gets 401 with
 *       {@code error="insufficient_scope"}; expiry has 60 s of leeway.
 * </ul>
 */
package dev.berth.testkit;
