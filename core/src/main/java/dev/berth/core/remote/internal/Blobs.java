package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.OciException;
import dev.berth.core.SizeMismatchException;
import dev.berth.core.content.VerifiedInputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.Request;
import okhttp3.Response;

/** The blob endpoints of one repository: HEAD, GET (streamed, verified, resumed) and DELETE. */
public final class Blobs {
  private final RepositoryContext ctx;

  public Blobs(RepositoryContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Whether the blob is present (HEAD, end-2). The answer is remembered so that a push right after
   * costs no second HEAD.
   */
  public boolean exists(Descriptor blob, Access access) throws IOException {
    Request request = ctx.request(ctx.endpoints().blob(blob.digest()), access).head().build();
    Response response = ctx.execute(request);
    if (response.code() == 404) {
      response.close();
      ctx.presence().record(ctx.host(), ctx.name(), blob, false);
      return false;
    }
    if (!response.isSuccessful()) {
      throw ctx.failure(response, access, "blob " + blob.digest());
    }
    response.close();
    // Same digest, other size: not the content the descriptor describes (a size the caller got wrong).
    boolean present = Sizes.matches(response.header("Content-Length"), blob.size());
    ctx.presence().record(ctx.host(), ctx.name(), blob, present);
    return present;
  }

  /** The descriptor of a blob known only by digest, its size from HEAD's {@code Content-Length}. */
  public Descriptor stat(Digest digest, String mediaType) throws IOException {
    Access access = Access.pull(ctx.name());
    Request request = ctx.request(ctx.endpoints().blob(digest), access).head().build();
    try (Response response = ctx.execute(request)) {
      if (!response.isSuccessful()) {
        throw ctx.failure(response, access, "blob " + digest);
      }
      String length = response.header("Content-Length");
      if (length == null) {
        throw new OciException("HEAD blob " + digest + " in " + ctx.where() + " gave no Content-Length");
      }
      try {
        return Descriptor.of(mediaType, digest, Long.parseLong(length.trim()));
      } catch (NumberFormatException e) {
        throw new OciException("HEAD blob " + digest + " in " + ctx.where() + " gave a bad Content-Length", e);
      }
    }
  }

  /**
   * Streams the blob (GET, end-2), yielding at most its size, verified at end of stream. A connection
   * that breaks midway is resumed with {@code Range: bytes=N-} up to {@code maxResumes} times.
   */
  public InputStream fetch(Descriptor blob) throws IOException {
    InputStream first = open(blob, 0);
    InputStream whole = new ResumingInputStream(first, offset -> open(blob, offset), blob.size(),
        ctx.settings().maxResumes());
    return new ProgressInputStream(new VerifiedInputStream(whole, blob), blob, ctx.progress());
  }

  /** Deletes the blob (DELETE, end-10). */
  public void delete(Descriptor blob) throws IOException {
    Access access = Access.delete(ctx.name());
    Request request = ctx.request(ctx.endpoints().blob(blob.digest()), access).delete().build();
    try (Response response = ctx.execute(request)) {
      if (!response.isSuccessful()) {
        throw ctx.failure(response, access, "blob " + blob.digest());
      }
    }
    ctx.presence().forget(ctx.host(), ctx.name(), blob.digest());
  }

  /**
   * The body from {@code offset} on. The request goes to the registry each time, not to where it
   * redirected before, because storage redirects (ghcr.io, S3) are short-lived signed URLs.
   */
  private InputStream open(Descriptor blob, long offset) throws IOException {
    Access access = Access.pull(ctx.name());
    Request.Builder builder = ctx.request(ctx.endpoints().blob(blob.digest()), access).get();
    if (offset > 0) {
      builder.header("Range", "bytes=" + offset + "-");
    }
    Response response = ctx.execute(builder.build());
    if (!response.isSuccessful()) {
      throw ctx.failure(response, access, "blob " + blob.digest());
    }
    long declared = response.body().contentLength();
    if (response.code() == 206) {
      long start = contentRangeStart(response.header("Content-Range"));
      if (start != offset) {
        response.close();
        throw new OciException("GET blob " + blob.digest() + " in " + ctx.where() + " asked for bytes from "
            + offset + " but got a range starting at " + start);
      }
      return response.body().byteStream();
    }
    if (declared >= 0 && declared != blob.size()) {
      response.close();
      throw new SizeMismatchException(blob, declared);
    }
    InputStream in = response.body().byteStream();
    if (offset > 0) {
      // The server ignored the Range and sent everything: skip what was already delivered.
      try {
        in.skipNBytes(offset);
      } catch (IOException | RuntimeException e) {
        response.close(); // else the connection stays taken, one per failed resume
        throw e;
      }
    }
    return in;
  }

  private static long contentRangeStart(String header) {
    if (header == null) {
      return -1;
    }
    String v = header.trim();
    if (v.regionMatches(true, 0, "bytes", 0, 5)) {
      v = v.substring(5).trim();
      if (v.startsWith("=")) {
        v = v.substring(1).trim();
      }
    }
    int dash = v.indexOf('-');
    try {
      return dash <= 0 ? -1 : Long.parseLong(v.substring(0, dash).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
