package dev.berth.core.remote.internal;

import dev.berth.core.remote.ProgressListener;
import dev.berth.core.remote.RetryPolicy;

/**
 * The client's transfer options that endpoint code reads.
 *
 * @param chunkedUploads upload blobs as PATCH chunks instead of one PUT
 * @param chunkSize bytes per PATCH in chunked mode
 * @param maxManifestBytes the largest manifest berth reads into memory
 * @param progress where byte counts go
 * @param maxResumes how often one blob download or chunked upload resumes after a broken connection
 * @param concurrency how many blobs one operation moves at once
 * @param retryPolicy how requests and whole transfers are retried
 * @param listLimits the caps on one listing, all pages together
 */
public record TransferSettings(boolean chunkedUploads, long chunkSize, long maxManifestBytes,
    ProgressListener progress, int maxResumes, int concurrency, RetryPolicy retryPolicy,
    ListLimits listLimits) {}
