package dev.berth.auth.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthInterceptor;
import dev.berth.auth.AuthenticationException;
import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialHelper;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.DockerConfig;
import dev.berth.auth.Login;
import dev.berth.auth.Scopes;
import dev.berth.auth.internal.Token;
import dev.berth.auth.internal.TokenFetcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every authentication flow that can fail with secrets the test knows, against servers that echo
 * what they receive (headers, bodies, query strings) into their answers, and fails if a secret shows up
 * in any exception message, cause, stack trace, {@code toString()}, console output or log record.
 */
class SecretsNeverLeakTest {
  private static final String PASSWORD = "pw-7f3a9c1e-SECRET";
  private static final String REFRESH = "refresh-5e1d77ab-SECRET";
  private static final String ACCESS = "access-90b3c4d2-SECRET";
  private static final String ISSUED = "issued-token-2c6f81e0-SECRET";
  private static final Scopes PUSH = Scopes.of(Scopes.repository("owner/app", "pull", "push"));

  @StartStop private final MockWebServer registry = new MockWebServer();
  @TempDir Path dir;
  private final OkHttpClient base = new OkHttpClient();
  private LeakScanner scanner;

  @BeforeEach
  void startScanning() {
    scanner = new LeakScanner(PASSWORD, REFRESH, ACCESS, ISSUED);
  }

  @AfterEach
  void noSecretWasSeen() {
    scanner.close();
  }

  /** A registry that challenges for a token and an endpoint that answers {@code tokenAnswer}, echoing the request. */
  private void tokenRegistry(int tokenStatus, String tokenBodyPrefix, int registryStatusWithToken) {
    registry.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String echo = echo(request);
        if (request.getUrl().encodedPath().equals("/token")) {
          return new MockResponse.Builder().code(tokenStatus)
              .addHeader("X-Echo", echo)
              .body(tokenBodyPrefix + echo).build();
        }
        if (request.getHeaders().get("Authorization") == null) {
          return new MockResponse.Builder().code(401)
              .addHeader("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token")
                  + "\",service=\"reg\",scope=\"repository:owner/app:pull,push\"")
              .body("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"" + echo.replace("\"", "'") + "\"}]}")
              .build();
        }
        return new MockResponse.Builder().code(registryStatusWithToken)
            .addHeader("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token")
                + "\",error=\"insufficient_scope\",scope=\"repository:owner/app:push\",error_description=\""
                + request.getHeaders().get("Authorization") + "\"")
            .body(echo).build();
      }
    });
  }

  /** The request as the server saw it, secrets and all, on one ASCII line (fit for a header value). */
  private static String echo(RecordedRequest request) {
    StringBuilder sb = new StringBuilder(request.getMethod()).append(' ').append(request.getUrl());
    request.getHeaders().forEach(h -> sb.append(" | ").append(h.getFirst()).append(": ").append(h.getSecond()));
    sb.append(" | ").append(request.getBody() == null ? "" : request.getBody().utf8());
    return sb.toString().replaceAll("[^\\x20-\\x7e]", "?");
  }

  private void callAndScan(Credential credential) {
    OkHttpClient client = base.newBuilder()
        .addInterceptor(AuthInterceptor.builder().credentials(CredentialProvider.of(credential)).tokenClient(base)
            .build())
        .build();
    Request request = new Request.Builder().url(registry.url("/v2/owner/app/blobs/uploads/"))
        .post(okhttp3.RequestBody.create(new byte[0])).tag(Scopes.class, PUSH).build();
    try (Response response = client.newCall(request).execute()) {
      scanner.scan(response);
      scanner.scan(response.headers());
      scanner.scan(response.request());
    } catch (IOException e) {
      scanner.scan(e);
    }
  }

  @Test
  void credentialsAndTokensPrintRedacted() {
    scanner.scan(Credential.basic("alice", PASSWORD));
    scanner.scan(Credential.identityToken(REFRESH));
    scanner.scan(new Credential.IdentityToken("alice", REFRESH));
    scanner.scan(Credential.accessToken(ACCESS));
    scanner.scan(List.of(Credential.basic("alice", PASSWORD)));
    scanner.scan(Map.of("k", Credential.accessToken(ACCESS)));
    scanner.scan(new Token(ISSUED, java.time.Instant.EPOCH, java.time.Instant.EPOCH, null));
    scanner.scan(CredentialProvider.of(Credential.basic("alice", PASSWORD)));
    scanner.scan(CredentialProvider.forHost("ghcr.io", Credential.accessToken(ACCESS)));
    scanner.scan(CredentialProvider.chain(CredentialProvider.of(Credential.identityToken(REFRESH))));
    scanner.scan(AuthInterceptor.builder().credentials(CredentialProvider.of(Credential.basic("a", PASSWORD))).build());
  }

  @Test
  void tokenEndpointRefusingThePasswordEchoedBackLeaksNothing() {
    tokenRegistry(401, "denied: ", 200);
    callAndScan(Credential.basic("alice", PASSWORD));
  }

  @Test
  void tokenEndpointFailingWithTheRequestEchoedLeaksNothing() {
    for (int status : new int[] {400, 403, 404, 500, 503}) {
      tokenRegistry(status, "{\"error\":\"", 200);
      callAndScan(Credential.basic("alice", PASSWORD));
      callAndScan(Credential.identityToken(REFRESH));
    }
  }

  @Test
  void tokenEndpointAnsweringGarbageThatQuotesTheRequestLeaksNothing() {
    tokenRegistry(200, "<html>not json ", 200);
    callAndScan(Credential.basic("alice", PASSWORD));
    tokenRegistry(200, "{\"token\":", 200);
    callAndScan(Credential.identityToken(REFRESH));
  }

  @Test
  void registryRefusingAnIssuedTokenLeaksNeitherTheTokenNorThePassword() {
    registry.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/token")) {
          return new MockResponse.Builder().body("{\"token\":\"" + ISSUED + "\",\"expires_in\":300}").build();
        }
        String auth = request.getHeaders().get("Authorization");
        return new MockResponse.Builder().code(auth == null ? 401 : 403)
            .addHeader("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\",service=\"reg\"")
            .body("refused " + auth).build();
      }
    });
    callAndScan(Credential.basic("alice", PASSWORD));
    callAndScan(Credential.accessToken(ACCESS));
  }

  @Test
  void tokenFetcherErrorsForEveryCredentialKindLeakNothing() {
    tokenRegistry(401, "", 200);
    HttpUrl realm = registry.url("/token");
    TokenFetcher fetcher = new TokenFetcher(base, Clock.systemUTC());
    for (Credential c : List.of(Credential.basic("alice", PASSWORD), Credential.identityToken(REFRESH),
        new Credential.IdentityToken("alice", REFRESH))) {
      IOException e = assertThrows(IOException.class, () -> fetcher.fetch(realm, "reg", PUSH, c, "registry.example"));
      scanner.scan(e);
    }
  }

  @Test
  void refusedLoginLeaksNothing() {
    registry.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Basic realm=\"r\"")
            .body("who is " + request.getHeaders().get("Authorization")).build();
      }
    });
    Login login = Login.builder().client(base).config(DockerConfig.at(dir.resolve("config.json")))
        .plainHttp(registry.getHostName() + ":" + registry.getPort()).build();
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> login.login(registry.getHostName() + ":" + registry.getPort(), Credential.basic("alice", PASSWORD)));
    assertEquals(Reason.CREDENTIALS_REFUSED, e.reason());
    scanner.scan(e);
    scanner.scan(login);
  }

  @Test
  void malformedConfigFilesHoldingSecretsLeakNothing() throws IOException {
    String[] contents = {
        "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + PASSWORD + "\"}}",                 // not JSON (unclosed)
        "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("alice" + PASSWORD) + "\"}}}",  // no colon
        "{\"auths\":{\"ghcr.io\":{\"auth\":\"%%" + PASSWORD + "\"}}}",               // not base64
        "[\"" + PASSWORD + "\"]",                                                     // not an object
        "{\"auths\":{\"ghcr.io\":{\"identitytoken\":" + REFRESH + "}}}",             // bare word
    };
    for (String content : contents) {
      Path file = dir.resolve("config.json");
      Files.writeString(file, content);
      DockerConfig config = DockerConfig.at(file);
      try {
        scanner.scan(config.credentialFor("ghcr.io"));
      } catch (IOException e) {
        scanner.scan(e);
      }
      scanner.scan(config);
    }
  }

  @Test
  void failingCredentialHelpersLeakNothing() throws IOException {
    String[] bodies = {
        // get: prints its answer, then fails anyway
        "echo '{\"ServerURL\":\"ghcr.io\",\"Username\":\"alice\",\"Secret\":\"" + PASSWORD + "\"}'; exit 1",
        // store: echoes its input in the error, on stdout as docker's helper library does
        "input=$(cat); echo \"could not store $input\"; exit 1",
        // store: echoes its input on stderr
        "input=$(cat); echo \"could not store $input\" >&2; exit 3",
        // a long first line that the message cuts off in the middle of the secret
        "input=$(cat); echo \"$(printf '%0185d' 0) $input\"; exit 1",
    };
    int n = 0;
    for (String body : bodies) {
      String name = "leaky" + n++;
      Path script = dir.resolve("docker-credential-" + name);
      Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      CredentialHelper helper = CredentialHelper.named(name, List.of(dir));
      AuthenticationException get = assertThrows(AuthenticationException.class, () -> helper.credentialFor("ghcr.io"));
      assertEquals(Reason.HELPER_FAILED, get.reason());
      scanner.scan(get);
      for (Credential c : List.of(Credential.basic("alice", PASSWORD), Credential.identityToken(REFRESH))) {
        AuthenticationException store = assertThrows(AuthenticationException.class, () -> helper.store("ghcr.io", c));
        assertTrue(store.getMessage().contains("exit code"), store.getMessage());
        scanner.scan(store);
      }
      scanner.scan(helper);
    }
  }

  private static String b64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
