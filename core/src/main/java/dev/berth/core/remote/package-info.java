/**
 * The registry client: every OCI distribution-spec v1.1 endpoint over one shared OkHttp client.
 *
 * <p>Start with {@link dev.berth.core.remote.RegistryClient}: build one per application, then ask it for
 * a {@link dev.berth.core.remote.Repository} (a content {@link dev.berth.core.content.Target}, so
 * {@code Copier} moves graphs to and from it like any store) or a {@link dev.berth.core.remote.Registry}
 * (API check, catalog).
 *
 * <p>What to expect from it:
 *
 * <ul>
 *   <li>One pass over the bytes and constant memory: uploads hash while they stream and refuse to
 *       complete when the content is not what the descriptor says; downloads are verified at end of
 *       stream and resume with {@code Range} where they broke.
 *   <li>Few round trips: one token for a whole push (every request asks for {@code pull,push}), no
 *       second HEAD for a blob {@code exists} just checked, no GET to tag a manifest just pushed,
 *       connections reused.
 *   <li>Credentials never cross origins: redirects are followed by berth, without {@code Authorization}
 *       when the host changes; upload locations on another host or downgrading to http are refused.
 *   <li>Registries without the referrers API (distribution 2.8, ghcr.io) get the referrers tag schema,
 *       maintained on push and delete.
 *   <li>Failures are typed: {@link dev.berth.core.NotFoundException}, {@link
 *       dev.berth.core.UnauthorizedException}, {@link dev.berth.core.AccessDeniedException}, {@link
 *       dev.berth.core.UnsupportedException}, {@link dev.berth.core.RegistryErrorException} with the
 *       registry's error codes; none carries a secret.
 * </ul>
 */
@NullMarked
package dev.berth.core.remote;

import org.jspecify.annotations.NullMarked;
