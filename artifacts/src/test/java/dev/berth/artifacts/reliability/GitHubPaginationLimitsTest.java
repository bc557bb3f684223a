package dev.berth.artifacts.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.github.GitHubPackages;
import dev.berth.artifacts.github.PackageOwner;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/**
 * A GitHub API host (or something posing as one) that never stops paginating cannot make a version
 * listing run forever or grow without bound. The API is an in-process interceptor: ten thousand pages
 * over loopback would take minutes.
 */
class GitHubPaginationLimitsTest {
  private final AtomicInteger pages = new AtomicInteger();

  private GitHubPackages api(boolean loop) {
    OkHttpClient inProcess = new OkHttpClient.Builder().addInterceptor(chain -> {
      int page = pages.incrementAndGet();
      String next = "https://api.github.com/user/packages/container/app/versions?per_page=100&page="
          + (loop ? 1 : page + 1);
      return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
          .header("Link", "<" + next + ">; rel=\"next\", <https://api.github.com/x?page=1>; rel=\"first\"")
          .body(ResponseBody.create("[{\"id\":" + page + ",\"name\":\"sha256:" + "a".repeat(64)
              + "\",\"metadata\":{\"container\":{\"tags\":[]}}}]", MediaType.get("application/json")))
          .build();
    }).build();
    return GitHubPackages.builder().okHttpClient(inProcess).token("t").build();
  }

  @Test
  void endlessFreshNextLinksAreCappedAtTenThousandPages() {
    GitHubPackages gh = api(false);
    IOException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(IOException.class, () -> gh.listVersions(PackageOwner.authenticatedUser(), "app")));
    assertTrue(e.getMessage().contains("pages"), e.getMessage());
    assertTrue(pages.get() <= 10_000, "pages fetched: " + pages.get());
  }

  @Test
  void aNextLinkBackToAnEarlierPageStopsTheListing() {
    GitHubPackages gh = api(true);
    IOException e = assertThrows(IOException.class, () -> gh.listVersions(PackageOwner.authenticatedUser(), "app"));
    assertTrue(e.getMessage().contains("already read"), e.getMessage());
    assertTrue(pages.get() <= 3, "pages fetched: " + pages.get());
  }
}
