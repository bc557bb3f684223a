package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.OciException;
import dev.berth.core.RegistryError;
import dev.berth.core.content.ContentOpener;
import dev.berth.core.content.TransferRetries;
import dev.berth.core.remote.TransferEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The upload endpoints of one repository: open a session (POST, end-4a), mount (end-11), send the bytes
 * monolithically (PUT, end-6) or in chunks (PATCH, end-5, then PUT), ask how far an upload got (GET,
 * end-13) and abandon it (DELETE).
 */
public final class BlobUploads {
  private static final RequestBody EMPTY = RequestBody.create(new byte[0]);
  /** The spec's header for the smallest chunk a registry accepts (distribution-spec v1.1, end-4a). */
  private static final String CHUNK_MIN_LENGTH = "OCI-Chunk-Min-Length";
  /** Java arrays cap a chunk buffer; registries want far smaller chunks anyway. */
  private static final long MAX_CHUNK = 256L * 1024 * 1024;

  private final RepositoryContext ctx;

  public BlobUploads(RepositoryContext ctx) {
    this.ctx = ctx;
  }

  /** An open upload session. */
  record Session(HttpUrl location, long minChunk) {}

  /** Uploads {@code content}, which must be exactly the bytes {@code expected} describes. */
  public void upload(Descriptor expected, InputStream content) throws IOException {
    Access access = Access.push(ctx.name());
    send(start(access), expected, content, access);
  }

  /**
   * Uploads content that can be read again: when an upload breaks in a way a fresh attempt could
   * survive (a reset connection, a forgotten session), it starts over on a new session with a fresh
   * stream, up to the client's resume limit.
   */
  public void upload(Descriptor expected, ContentOpener content) throws IOException {
    Access access = Access.push(ctx.name());
    sendRetrying(null, expected, content, access);
  }

  /**
   * Sends on {@code first} (or a new session when null), starting over on a fresh session with a fresh
   * stream while the client's retry policy finds the failure worth it (a broken connection, a lost
   * session, a 5xx, a token that expired mid-upload).
   */
  private void sendRetrying(@Nullable Session first, Descriptor expected, ContentOpener content, Access access)
      throws IOException {
    Session[] given = {first};
    TransferRetries.run(ctx.settings().retryPolicy(), () -> {
      Session session = given[0] != null ? given[0] : start(access);
      given[0] = null;
      try (InputStream in = content.open()) {
        send(session, expected, in, access);
      }
    });
  }

  /**
   * Mounts {@code blob} from {@code fromRepository}; when the registry declines (202, a fresh session),
   * uploads the bytes from {@code fallback} on that session.
   *
   * @return true when the registry mounted the blob, false when it was uploaded
   */
  public boolean mount(Descriptor blob, String fromRepository, ContentOpener fallback) throws IOException {
    Access access = Access.mount(ctx.name(), fromRepository);
    Request request = ctx.request(ctx.endpoints().mount(blob.digest(), fromRepository), access).post(EMPTY).build();
    Response response = ctx.execute(request);
    if (response.code() == 201) {
      response.close();
      ctx.presence().record(ctx.host(), ctx.name(), blob, true);
      ctx.progress().done(TransferEvent.Direction.UPLOAD, blob);
      return true;
    }
    if (response.code() != 202) {
      throw ctx.failure(response, access, "mount of blob " + blob.digest() + " from " + fromRepository);
    }
    Session session;
    try (response) {
      session = session(response);
    }
    sendRetrying(session, blob, fallback, access);
    return false;
  }

  private Session start(Access access) throws IOException {
    Request request = ctx.request(ctx.endpoints().uploads(), access).post(EMPTY).build();
    try (Response response = ctx.execute(request)) {
      if (response.code() != 202) {
        throw ctx.failure(response, access, "upload session");
      }
      return session(response);
    }
  }

  private Session session(Response response) throws OciException {
    HttpUrl location = Locations.uploadLocation(response, ctx.endpoints().base(), null);
    long min = 0;
    String header = response.header(CHUNK_MIN_LENGTH);
    if (header != null) {
      try {
        min = Math.max(0, Long.parseLong(header.trim()));
      } catch (NumberFormatException ignored) {
        // A malformed hint: send our own chunk size and let the registry say if it minds.
      }
    }
    return new Session(location, min);
  }

  private void send(Session session, Descriptor expected, InputStream content, Access access) throws IOException {
    // Each PATCH may move the session to a new location; an abort must name the latest.
    HttpUrl[] latest = {session.location()};
    try {
      if (ctx.settings().chunkedUploads()) {
        chunked(session, expected, content, access, latest);
      } else {
        monolithic(session, expected, content, access);
      }
    } catch (IOException | RuntimeException e) {
      abort(latest[0], access);
      throw e;
    }
    ctx.presence().record(ctx.host(), ctx.name(), expected, true);
    ctx.progress().done(TransferEvent.Direction.UPLOAD, expected);
  }

  private void monolithic(Session session, Descriptor expected, InputStream content, Access access)
      throws IOException {
    HttpUrl url = Endpoints.completeUpload(session.location(), expected.digest());
    RequestBody body = new StreamingBlobBody(expected, content, ctx.progress());
    complete(url, body, expected, access);
  }

  private void complete(HttpUrl url, RequestBody body, Descriptor expected, Access access) throws IOException {
    Request request = ctx.request(url, access).put(body).build();
    Response response = ctx.execute(request);
    if (!response.isSuccessful()) {
      throw uploadFailure(response, access, expected);
    }
    response.close();
  }

  /**
   * The exception for a failed request to an upload location. A 404 there means the registry lost the
   * session (distribution's BLOB_UPLOAD_UNKNOWN), which a fresh session can fix, not a missing blob.
   */
  private OciException uploadFailure(Response response, Access access, Descriptor expected) {
    if (response.code() != 404) {
      return ctx.failure(response, access, "upload of blob " + expected.digest());
    }
    try (response) {
      List<RegistryError> errors = new java.util.ArrayList<>(ErrorBodies.read(response));
      if (errors.stream().noneMatch(e -> "BLOB_UPLOAD_UNKNOWN".equals(e.code()))) {
        errors.add(new RegistryError("BLOB_UPLOAD_UNKNOWN", "the registry no longer knows the upload", null));
      }
      return new dev.berth.core.RegistryErrorException(response.request().method(),
          Failures.withoutQuery(response.request().url()), 404, errors);
    }
  }

  private void chunked(Session session, Descriptor expected, InputStream content, Access access, HttpUrl[] latest)
      throws IOException {
    long chunkSize = Math.min(MAX_CHUNK, Math.max(ctx.settings().chunkSize(), session.minChunk()));
    byte[] buf = new byte[(int) Math.max(1, Math.min(chunkSize, expected.size()))];
    ContentCheck check = new ContentCheck(expected, content);
    check.verifyEmpty(content);
    HttpUrl location = session.location();
    while (check.count() < expected.size()) {
      long offset = check.count();
      int n = check.readChunk(content, buf, buf.length);
      location = sendChunk(location, buf, n, offset, expected, access);
      latest[0] = location;
      ctx.progress().bytes(TransferEvent.Direction.UPLOAD, expected, check.count());
    }
    complete(Endpoints.completeUpload(location, expected.digest()), EMPTY, expected, access);
  }

  /**
   * PATCHes {@code buf[0..n)}, which holds the blob's bytes from {@code offset}. When the connection
   * breaks, asks the registry how much it holds and sends the rest of the chunk from there; when the
   * registry has forgotten the session and this is the first chunk, starts a new one.
   *
   * @return the location for the next request
   */
  private HttpUrl sendChunk(HttpUrl location, byte[] buf, int n, long offset, Descriptor expected, Access access)
      throws IOException {
    long sent = offset;
    boolean ambiguousStart = false;
    for (int resumes = 0; ; resumes++) {
      IOException failure;
      int from = (int) (sent - offset);
      Request request = ctx.request(location, access)
          .patch(new ChunkBody(buf, from, n - from))
          .header("Content-Range", sent + "-" + (offset + n - 1))
          .build();
      try {
        Response response = ctx.execute(request);
        if (response.code() == 202) {
          try (response) {
            return Locations.uploadLocation(response, ctx.endpoints().base(), location);
          }
        }
        if (response.code() == 404 && offset == 0) {
          // The session expired or was never kept (BLOB_UPLOAD_UNKNOWN): nothing is lost yet, start over.
          response.close();
          if (resumes >= ctx.settings().maxResumes()) {
            throw new OciException("the registry kept forgetting the upload of blob " + expected.digest()
                + " to " + ctx.where());
          }
          location = start(access).location();
          sent = 0;
          continue;
        }
        if (response.code() == 416 && ambiguousStart && sent == 0) {
          // The registry's "0-0" meant one byte after all.
          response.close();
          sent = 1;
          ambiguousStart = false;
          continue;
        }
        throw uploadFailure(response, access, expected);
      } catch (OciException e) {
        if (!(e instanceof dev.berth.core.NetworkException)) {
          throw e; // an answer the registry gave; a broken connection is resumed below
        }
        failure = e;
      } catch (IOException e) {
        failure = e;
      }
      if (resumes >= ctx.settings().maxResumes() || !ctx.settings().retryPolicy().isWorthRetrying(failure)) {
        throw failure;
      }
      UploadStatus status = status(location, access);
      if (status == null) {
        if (offset != 0) {
          throw new OciException("the registry forgot the upload of blob " + expected.digest() + " to "
              + ctx.where() + " after " + offset + " bytes, which cannot be read again", failure);
        }
        location = start(access).location();
        sent = 0;
        continue;
      }
      long have = status.range().received();
      if (have < offset || have > offset + n) {
        throw new OciException("cannot resume the upload of blob " + expected.digest() + " to " + ctx.where()
            + ": the registry holds " + have + " bytes, berth still holds bytes " + offset + " to "
            + (offset + n), failure);
      }
      location = status.location();
      sent = have;
      ambiguousStart = status.range().ambiguous();
      if (have == offset + n) {
        return location;
      }
    }
  }

  /** Where an upload stands. */
  private record UploadStatus(HttpUrl location, UploadRange range) {}

  /** GET on the upload location (end-13); null when the registry no longer knows the session. */
  private @Nullable UploadStatus status(HttpUrl location, Access access) throws IOException {
    Request request = ctx.request(location, access).get().build();
    try (Response response = ctx.execute(request)) {
      if (response.code() == 404) {
        return null;
      }
      if (!response.isSuccessful()) {
        List<RegistryError> errors = ErrorBodies.read(response);
        if (errors.stream().anyMatch(e -> "BLOB_UPLOAD_UNKNOWN".equals(e.code()))) {
          return null;
        }
        throw Failures.of(request.method(), request.url(), response.code(), errors, ctx.host(), access,
            "upload status");
      }
      return new UploadStatus(Locations.uploadLocation(response, ctx.endpoints().base(), location),
          UploadRange.parse(response.header("Range")));
    }
  }

  /** Abandons an upload session (DELETE on its location); a failure here changes nothing for the caller. */
  private void abort(HttpUrl location, Access access) {
    Request request = ctx.request(location, access).delete().build();
    try (Response ignored = ctx.execute(request)) {
      // Registries expire abandoned sessions anyway; the DELETE only frees them sooner.
    } catch (IOException | RuntimeException ignored) {
      // See above: nothing depends on it.
    }
  }
}
