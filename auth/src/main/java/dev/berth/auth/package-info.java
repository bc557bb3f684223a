/**
 * Authentication for OCI registries: credentials from where users keep them, and an OkHttp interceptor
 * that applies them the way docker and oras do. Knows hosts, challenges, scopes and credentials; nothing
 * about manifests.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.berth.auth.Credential}: user/password, identity (refresh) token, bearer access token, or
 *       anonymous.
 *   <li>{@link dev.berth.auth.CredentialProvider}: host to credential; sources are
 *       {@link dev.berth.auth.CredentialProvider#of static}, the
 *       {@link dev.berth.auth.CredentialProvider#environment() environment} ({@code GITHUB_ACTOR} and
 *       {@code GITHUB_TOKEN} for ghcr.io), {@link dev.berth.auth.DockerConfig docker's config.json and
 *       podman's auth.json}, and {@link dev.berth.auth.CredentialHelper credential helpers};
 *       {@link dev.berth.auth.CredentialProvider#defaults()} chains them as users expect.
 *   <li>{@link dev.berth.auth.Scopes}: the access a request needs, attached to it as a typed tag.
 *   <li>{@link dev.berth.auth.AuthInterceptor}: Basic, or the docker token flow with a token cache.
 *   <li>{@link dev.berth.auth.Login}: verify a credential against a registry, then store it; logout.
 *   <li>{@link dev.berth.auth.DockerHub}: Docker Hub's names (references, API host, credential key), once.
 *   <li>{@link dev.berth.auth.AuthenticationException}: every authentication failure, with a
 *       {@link dev.berth.auth.AuthenticationException.Reason reason}.
 * </ul>
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * OkHttpClient base = new OkHttpClient();
 * OkHttpClient client = base.newBuilder()
 *     .addInterceptor(AuthInterceptor.builder()
 *         .credentials(CredentialProvider.defaults())
 *         .tokenClient(base)
 *         .build())
 *     .build();
 * Request request = new Request.Builder()
 *     .url("https://ghcr.io/v2/owner/app/manifests/latest")
 *     .tag(Scopes.class, Scopes.of(Scopes.repository("owner/app", "pull")))
 *     .build();
 * }</pre>
 *
 * <p>Specifications followed: RFC 7235 (challenges), the docker token authentication and OAuth2 token
 * specifications of the CNCF distribution project, and the docker credential-helper protocol.
 */
@NullMarked
package dev.berth.auth;

import org.jspecify.annotations.NullMarked;
