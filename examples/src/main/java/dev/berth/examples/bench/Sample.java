package dev.berth.examples.bench;

/** One run of one contender on one workload. */
record Sample(long wallNanos, long opNanos, long requests, long peakRssKib, long peakHeapBytes) {}
