package dev.berth.cli;

import dev.berth.core.Descriptor;
import dev.berth.core.copy.CopyListener;

/** Turns a copy's events into progress lines: one per node moved, skipped or mounted. */
final class TransferListener implements CopyListener {
  private final ProgressBars bars;
  private final Console console;

  TransferListener(ProgressBars bars, Console console) {
    this.bars = bars;
    this.console = console;
  }

  @Override
  public void postCopy(Descriptor node) {
    bars.onDone(node);
  }

  @Override
  public void onSkipped(Descriptor node) {
    bars.finish();
    console.note("exists " + node.digest().algorithm() + ":" + node.digest().hex().substring(0, 12));
  }

  @Override
  public void onMounted(Descriptor blob, String fromRepository) {
    bars.finish();
    console.note("mounted " + blob.digest().algorithm() + ":" + blob.digest().hex().substring(0, 12)
        + " from " + fromRepository);
  }
}
