package dev.berth.testkit;

import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Builds an htpasswd file of bcrypt hashes, the only hash docker-registry's htpasswd auth accepts. */
final class Htpasswd {
  // Cost 5 (32 rounds) instead of htpasswd's default 10: the registry checks the hash on every
  // request, and at cost 10 that alone costs ~50 ms per request.
  private static final int COST = 5;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Htpasswd() {}

  static String file(Map<String, String> usersAndPasswords) {
    StringBuilder text = new StringBuilder();
    usersAndPasswords.forEach((user, password) -> {
      if (user.contains(":") || user.contains("\n")) {
        throw new IllegalArgumentException("htpasswd user names cannot contain ':' or newlines");
      }
      byte[] salt = new byte[16];
      RANDOM.nextBytes(salt);
      text.append(user).append(':')
          .append(OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, COST)).append('\n');
    });
    return text.toString();
  }
}
