package dev.berth.cli;

import dev.berth.auth.Credential;
import dev.berth.auth.Login;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth login HOST -u USER --password-stdin}: check a credential, then keep it. */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Check a user name and token against HOST, then store them for later commands.",
        "They go to docker's config.json (or --registry-config FILE), or to its credential helper.",
        "For ghcr.io use a GitHub personal access token with read:packages and write:packages:",
        "  echo \"$CR_PAT\" | berth login ghcr.io -u USER --password-stdin"})
final class LoginCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "HOST", description = "The registry, e.g. ghcr.io or localhost:5000.")
  String host;

  @Override
  protected int run(Session session) throws Exception {
    RegistryHostArg.parse(host);
    GlobalOptions o = session.options();
    if (o.username() == null || !o.passwordStdin()) {
      throw new IllegalArgumentException("login needs -u USER and --password-stdin (the password or token on stdin)");
    }
    session.workingOnRegistry(host);
    Credential credential = Credential.basic(o.username(), new String(session.password()));
    // The one login path (auth's Login: check, then store), checked with berth's registry client so that
    // TLS options, retries, --verbose and the failure hints apply as to every other command.
    Login login = Login.builder()
        .config(session.dockerConfig())
        .verifier((registry, offered) -> session.clientWith(registry, offered).registry(registry).ping())
        .build();
    login.login(host, credential);
    session.console().note("Login succeeded; credentials for " + host + " stored in " + login.config().file());
    return ExitCodes.OK;
  }
}
