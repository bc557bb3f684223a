package dev.berth.maven;

import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.artifacts.wasm.WasmPushResult;
import dev.berth.maven.internal.StoreRef;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pushes a WebAssembly module or component in the CNCF wasm OCI layout (a config recording module or
 * component, wasip1 or wasip2, and one {@code application/wasm} layer), as {@code berth wasm push} does.
 */
@Mojo(name = "wasm-push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class WasmPushMojo extends AbstractBerthMojo {
  /** Where the module goes: {@code HOST/NAME:TAG}, such as {@code ghcr.io/owner/filter:1.0}, or {@code oci:DIR:TAG}. */
  @Parameter(property = "berth.target", required = true)
  protected String target;

  /** The {@code .wasm} file: a core module or a component (checked before anything is sent). */
  @Parameter(property = "berth.wasm", required = true)
  protected File file;

  /** Manifest annotations; in GitHub Actions {@code org.opencontainers.image.source} is added unless given. */
  @Parameter
  protected Map<String, String> annotations;

  @Override
  protected void run() throws Exception {
    StoreRef to = store(target, "target");
    if (to.digest() != null) {
      throw new IllegalArgumentException("<target> " + target + " names a digest: give a tag");
    }
    if (!Files.isRegularFile(file.toPath())) {
      throw new NoSuchFileException(file.toString(), null, "<file> is not a .wasm file");
    }
    workingOn(to, true);
    WasmPushOptions options = WasmPushOptions.builder().annotations(withSourceAnnotation(annotations)).build();
    WasmPushResult result = WasmArtifacts.push(to.open(client("pushed"), true), file.toPath(), options, to.tag());
    getLog().info("berth: pushed a wasm " + result.kind().name().toLowerCase(Locale.ROOT)
        + " (" + result.config().os() + ")");
    publish("wasm-push", to.text(), result.manifest().digest().toString());
  }
}
