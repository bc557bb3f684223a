package dev.berth.cli;

import dev.berth.cli.demo.Demo;
import dev.berth.cli.demo.DemoDestination;
import dev.berth.cli.demo.DemoRow;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth demo}: the whole library in one command, with no registry needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Push, list, pull back and verify a Helm chart, a wasm module and files; print a table.",
        "Every digest is checked and the pulled wasm module is run. Without --to it uses OCI layout"
            + " directories under --dir: no registry, network or credentials. With --to HOST/NAMESPACE it"
            + " uses a registry (ghcr.io/OWNER with GITHUB_TOKEN, or localhost:5000/demo with --plain-http)."
            + " Safe to run again: everything is replaced in place."})
final class DemoCommand extends BerthCommand {
  @Option(names = "--to", paramLabel = "HOST/NAMESPACE",
      description = "Publish to this registry namespace instead of local OCI layouts.")
  String to;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "berth-demo",
      description = "Working directory: inputs, pulled copies, and (without --to) the layouts (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  protected int run(Session session) throws Exception {
    Console console = session.console();
    LocalPaths.outputDirectory(dir);
    DemoDestination destination;
    if (to == null) {
      destination = DemoDestination.layouts(dir.resolve("layouts"));
      console.note("berth demo: OCI layouts under " + dir.resolve("layouts") + " (no registry needed)");
    } else {
      // Parse HOST/NAMESPACE as a reference so a typo is reported the same way as everywhere else.
      TargetArg ns = TargetArg.parse(to);
      if (ns.reference() != null) {
        throw new IllegalArgumentException("--to takes HOST/NAMESPACE without a tag or digest");
      }
      session.workingOn(ns, true);
      destination = DemoDestination.registry(session.client(ns.host()), ns.repositoryText());
      console.note("berth demo: registry namespace " + ns.repositoryText());
    }
    List<DemoRow> rows = new Demo(destination, dir, console::note).run();
    console.out().print(DemoTable.render(rows));
    console.out().flush();
    int nodes = rows.stream().mapToInt(DemoRow::nodes).sum();
    console.note(nodes + " digests verified; pulled copies are in " + dir.resolve("pulled")
        + ". Look around: berth tags " + rows.get(0).repository());
    return ExitCodes.OK;
  }
}
