package dev.berth.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BerthCommandLineTest {
  @Test
  void everyCommandHasHelpOnStdoutAndExitsZero() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new Berth(null, null)), new ArrayList<>(), paths);
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun r = CliRun.run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), "exit of " + args + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: berth"), args + " printed: " + r.out());
      assertTrue(r.out().contains("--plain-http"), args + " lacks the global flags: " + r.out());
    }
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun r = CliRun.run();
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("error: no command given"), r.err());
  }

  @Test
  void unknownCommandIsAUsageErrorWithAHint() {
    CliRun r = CliRun.run("frobnicate");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("frobnicate"), r.err());
    assertTrue(r.err().contains("hint: see 'berth --help'"), r.err());
  }

  @Test
  void versionIsPrinted() {
    CliRun r = CliRun.run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("berth "), r.out());
  }

  private static void collect(CommandLine cmd, List<String> prefix, List<List<String>> out) {
    out.add(prefix);
    cmd.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help") && sub.getCommandSpec().name().equals(name)) {
        List<String> p = new ArrayList<>(prefix);
        p.add(name);
        collect(sub, p, out);
      }
    });
  }
}
