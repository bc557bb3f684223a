package dev.berth.examples;

import dev.berth.auth.CredentialProvider;
import dev.berth.core.Reference;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * Embeds berth in an application that already has an {@link OkHttpClient}: berth derives its client
 * from yours, so they share one connection pool and dispatcher, and your interceptors (metrics,
 * tracing, a corporate proxy's headers) see berth's traffic too.
 *
 * <pre>
 * java -cp berth.jar dev.berth.examples.EmbedOkHttpExample ghcr.io/OWNER/app
 * </pre>
 */
public final class EmbedOkHttpExample {
  private EmbedOkHttpExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: EmbedOkHttpExample REPOSITORY");
      System.exit(2);
    }
    AtomicInteger requests = new AtomicInteger();
    OkHttpClient yours = new OkHttpClient.Builder()
        .callTimeout(Duration.ofMinutes(5))
        .addInterceptor(chain -> {
          requests.incrementAndGet(); // stands for your metrics or tracing
          return chain.proceed(chain.request());
        })
        .build();
    RegistryClient client = RegistryClient.builder()
        .okHttpClient(yours)
        .credentials(CredentialProvider.defaults())
        .build();
    List<String> tags = tags(client, Reference.parse(args[0]));
    tags.forEach(System.out::println);
    System.out.println(requests.get() + " HTTP requests went through your client");
  }

  /** The repository's tags, through whatever client {@code client} was built on. */
  public static List<String> tags(RegistryClient client, Reference repository) throws IOException {
    return client.repository(repository).tags();
  }
}
