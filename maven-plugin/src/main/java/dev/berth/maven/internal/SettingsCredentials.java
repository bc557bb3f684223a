package dev.berth.maven.internal;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.maven.settings.Server;

/**
 * Credentials from the {@code <servers>} of Maven's settings.xml: the server whose {@code <id>} is the
 * registry host ({@code ghcr.io}, {@code registry.example.com:5000}) gives the user name and password.
 * Maven has already interpolated {@code ${env.GITHUB_TOKEN}}; encrypted passwords are decrypted by the
 * function the mojo passes in (Maven's SettingsDecrypter), so this class never sees the master password.
 */
public final class SettingsCredentials implements CredentialProvider {
  private final List<Server> servers;
  private final UnaryOperator<Server> decrypter;

  /**
   * @param servers the settings' servers (not copied: settings do not change during a build)
   * @param decrypter returns the server with its password decrypted
   */
  public SettingsCredentials(List<Server> servers, UnaryOperator<Server> decrypter) {
    this.servers = servers == null ? List.of() : servers;
    this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
  }

  /**
   * Returns the server's user and password for {@code host}, anonymous when no server has that id.
   *
   * @throws IllegalArgumentException when the server has a password but no user name (or the reverse):
   *     a half-written server is a mistake to name, not a reason to fall back to other credentials
   */
  @Override
  public Credential credentialFor(String host) {
    String wanted = host.toLowerCase(Locale.ROOT);
    for (Server server : servers) {
      if (server.getId() == null || !server.getId().toLowerCase(Locale.ROOT).equals(wanted)) {
        continue;
      }
      Server plain = decrypter.apply(server);
      String user = plain.getUsername();
      String password = plain.getPassword();
      boolean hasUser = user != null && !user.isBlank();
      boolean hasPassword = password != null && !password.isEmpty();
      if (!hasUser && !hasPassword) {
        return Credential.anonymous();
      }
      if (!hasUser) {
        throw new IllegalArgumentException("settings.xml server " + server.getId()
            + " has a password but no <username>; ghcr.io takes your GitHub user name there");
      }
      if (!hasPassword || password.startsWith("${")) {
        // Maven leaves ${env.X} as written when X is not set: that text is no password.
        throw new IllegalArgumentException("settings.xml server " + server.getId() + " has no password"
            + (hasPassword ? " (it reads " + password.substring(0, password.indexOf('}') + 1)
                + ", which is not set in this environment)" : ""));
      }
      return Credential.basic(user, password);
    }
    return Credential.anonymous();
  }
}
