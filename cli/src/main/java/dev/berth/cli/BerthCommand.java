package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code berth} command that does something: finds the invocation's {@link Session}
 * on the root command and runs the command's body with it. Exceptions go to {@link Berth}'s handler,
 * which prints them as one line with a hint.
 */
public abstract class BerthCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    return run(session());
  }

  /** The command's work; returns the exit code (normally {@link ExitCodes#OK}). */
  protected abstract int run(Session session) throws Exception;

  /** The invocation's session, held by the root command. */
  protected Session session() {
    CommandSpec root = spec;
    while (root.parent() != null) {
      root = root.parent();
    }
    return ((Berth) root.userObject()).session();
  }
}
