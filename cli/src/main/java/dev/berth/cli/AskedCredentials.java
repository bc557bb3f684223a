package dev.berth.cli;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.FoundCredential;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The credential store as one command sees it: asked only when a registry challenges (the registry
 * client asks), at most once per host, its answer or failure kept for the rest of the command. A
 * credential helper that hangs thus costs its timeout once, not once per client, retry and error hint;
 * and a failure hint reads what was asked, never the store itself (a config.json that is a FIFO must
 * not hang a command whose registry never asked for credentials).
 *
 * <p>Each answer is kept with where it came from, so that {@code --verbose} and every 401/403 hint can
 * name the credential used ("user mona from GITHUB_TOKEN"); never a secret.
 */
final class AskedCredentials implements CredentialProvider {
  /** Kept for a repository whose namespace has no entry of its own. */
  private static final FoundCredential NO_NAMESPACE_ENTRY = FoundCredential.none();

  private final CredentialProvider store;
  private final Consumer<String> log;
  /** Host (or host/repository, for namespace entries) to its answer: a {@link FoundCredential} or the {@link IOException}. */
  private final Map<String, Object> answers = new HashMap<>();
  /** Host to the credential last presented to it, with its source. */
  private final Map<String, FoundCredential> presented = new HashMap<>();

  AskedCredentials(CredentialProvider store, Consumer<String> log) {
    this.store = store;
    this.log = log;
  }

  @Override
  public Credential credentialFor(String host) throws IOException {
    return find(host).credential();
  }

  @Override
  public synchronized FoundCredential find(String host) throws IOException {
    String key = host.toLowerCase(Locale.ROOT);
    Object answer = answers.get(key);
    if (answer == null) {
      try {
        FoundCredential f = store.find(host);
        answer = f == null ? FoundCredential.none() : f;
      } catch (IOException e) {
        answer = e;
      }
      answers.put(key, answer);
    }
    if (answer instanceof IOException e) {
      throw e;
    }
    FoundCredential found = (FoundCredential) answer;
    note(key, found);
    return found;
  }

  @Override
  public synchronized FoundCredential findForNamespace(String host, String repository) throws IOException {
    String key = host.toLowerCase(Locale.ROOT) + "/" + repository;
    Object answer = answers.get(key);
    if (answer == null) {
      try {
        FoundCredential f = store.findForNamespace(host, repository);
        answer = f == null || f.isAnonymous() ? NO_NAMESPACE_ENTRY : f;
      } catch (IOException e) {
        answer = e;
      }
      answers.put(key, answer);
    }
    if (answer instanceof IOException e) {
      throw e;
    }
    if (answer == NO_NAMESPACE_ENTRY) {
      return null;
    }
    FoundCredential found = (FoundCredential) answer;
    note(host.toLowerCase(Locale.ROOT), found);
    return found;
  }

  private void note(String host, FoundCredential found) {
    FoundCredential before = presented.put(host, found);
    if (before == null || !before.source().equals(found.source())) {
      log.accept("* credentials for " + host + ": "
          + (found.isAnonymous() ? "none found, anonymous" : found.describe()));
    }
  }

  /**
   * The credential presented to {@code host}, with its source; null when the store was not asked for
   * it (the registry never challenged). The store is not asked here.
   */
  synchronized FoundCredential presented(String host) {
    return presented.get(host.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether the command presented no credential to {@code host}: the store was not asked (the registry
   * never challenged) or had nothing for it. The store is not asked here.
   */
  synchronized boolean presentedNothingTo(String host) {
    FoundCredential f = presented(host);
    return f == null || f.isAnonymous();
  }
}
