package dev.berth.cli;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The credential store as one command sees it: asked only when a registry challenges (the registry
 * client asks), at most once per host, its answer or failure kept for the rest of the command. A
 * credential helper that hangs thus costs its timeout once, not once per client, retry and error hint;
 * and a failure hint reads what was asked, never the store itself (a config.json that is a FIFO must
 * not hang a command whose registry never asked for credentials).
 */
final class AskedCredentials implements CredentialProvider {
  private final CredentialProvider store;
  /** Host to its answer: a {@link Credential} or the {@link IOException} the store gave. */
  private final Map<String, Object> answers = new HashMap<>();

  AskedCredentials(CredentialProvider store) {
    this.store = store;
  }

  @Override
  public synchronized Credential credentialFor(String host) throws IOException {
    String key = host.toLowerCase(Locale.ROOT);
    Object answer = answers.get(key);
    if (answer == null) {
      try {
        Credential c = store.credentialFor(host);
        answer = c == null ? Credential.anonymous() : c;
      } catch (IOException e) {
        answer = e;
      }
      answers.put(key, answer);
    }
    if (answer instanceof IOException e) {
      throw e;
    }
    return (Credential) answer;
  }

  /**
   * Whether the command presented no credential to {@code host}: the store was not asked (the registry
   * never challenged) or had nothing for it. The store is not asked here.
   */
  synchronized boolean presentedNothingTo(String host) {
    Object answer = answers.get(host.toLowerCase(Locale.ROOT));
    return !(answer instanceof Credential c) || c.isAnonymous();
  }
}
