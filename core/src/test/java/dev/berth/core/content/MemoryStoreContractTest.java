package dev.berth.core.content;

class MemoryStoreContractTest extends TargetContract {
  @Override
  protected Target newTarget() {
    return new MemoryStore();
  }
}
