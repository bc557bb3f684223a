/**
 * Registry credentials and authentication: Docker's config.json and credential helpers, the bearer-token
 * and basic challenges (an OkHttp interceptor), and {@code login}. OkHttp and Jackson appear in this
 * module's API (an {@code Interceptor}, config.json trees), so a module that reads this one reads them too.
 */
module dev.berth.auth {
  requires transitive okhttp3;
  requires transitive org.jspecify;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.berth.auth;
}
