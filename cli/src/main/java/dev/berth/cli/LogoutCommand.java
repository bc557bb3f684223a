package dev.berth.cli;

import dev.berth.auth.DockerConfig;
import dev.berth.auth.Login;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth logout HOST}: forget a stored credential. */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = "Remove the credentials stored for HOST by berth login (or docker login).")
final class LogoutCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "HOST", description = "The registry, e.g. ghcr.io or localhost:5000.")
  String host;

  @Override
  protected int run(Session session) throws Exception {
    RegistryHostArg.parse(host);
    Login login = Login.builder().config(session.dockerConfig()).build();
    DockerConfig config = login.config();
    if (login.logout(host)) {
      session.console().note("Removed the credentials for " + host + " from " + config.file());
    } else {
      session.console().note("No credentials were stored for " + host + " in " + config.file());
    }
    return ExitCodes.OK;
  }
}
