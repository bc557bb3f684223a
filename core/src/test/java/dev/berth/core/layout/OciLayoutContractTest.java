package dev.berth.core.layout;

import dev.berth.core.content.Target;
import dev.berth.core.content.TargetContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutContractTest extends TargetContract {
  @TempDir Path dir;

  @Override
  protected Target newTarget() throws Exception {
    return OciLayout.open(dir.resolve("layout"));
  }
}
