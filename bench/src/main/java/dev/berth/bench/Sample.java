package dev.berth.bench;

/**
 * One run of one contender on one workload.
 *
 * @param run which run (from 1), to pair it with the other clients' samples of the same run
 * @param connections TCP connections the client opened to the proxy
 * @param clientCpuNanos CPU time of the client's whole process (-1 where unknown)
 * @param serverCpuNanos CPU time the registry and the proxy used meanwhile (-1 where unknown, as for a
 *     registry given by URL)
 */
record Sample(int run, long wallNanos, long opNanos, long requests, long connections, long peakRssKib,
    long peakHeapBytes, long clientCpuNanos, long serverCpuNanos) {}
