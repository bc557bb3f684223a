package dev.berth.bench;

import java.util.List;

/**
 * One whole-process comparison: the berth command and its peer's (skopeo, or the curl + openssl floor)
 * for run {@code r}; a workload without a peer measures berth alone against an absolute target.
 */
record CliWorkload(String id, String description, String peer, Commands berth, Commands peerCommand) {
  /** The command line for one run (fresh destinations per run), and the paths it leaves to delete. */
  interface Commands {
    List<String> forRun(int run);
  }

  boolean hasPeer() {
    return peerCommand != null;
  }
}
