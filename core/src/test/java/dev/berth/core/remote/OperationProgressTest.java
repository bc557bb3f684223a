package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.remote.TransferEvent.Direction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listener for one operation sees that operation's transfers, naming repository and direction. */
class OperationProgressTest {
  private final MockRegistry registry;
  private final byte[] layer = "some layer bytes".getBytes(StandardCharsets.UTF_8);
  private final Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
  private final List<TransferEvent> clientWide = new CopyOnWriteArrayList<>();
  private final List<TransferEvent> mine = new CopyOnWriteArrayList<>();

  OperationProgressTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private Repository repository() {
    return registry.clientBuilder().progressListener(new ProgressListener() {
      @Override
      public void onEvent(TransferEvent event) {
        clientWide.add(event);
      }
    }).build().repository(registry.host() + "/team/app");
  }

  private final ProgressListener recorder = new ProgressListener() {
    @Override
    public void onEvent(TransferEvent event) {
      mine.add(event);
    }
  };

  @Test
  void aPushReportsBytesThenDoneExactlyOnceToTheOperationAndTheClient() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/u1");
    registry.enqueue(201);
    Repository repo = repository();

    repo.withProgress(recorder).push(blob, new ByteArrayInputStream(layer));

    List<TransferEvent> done = mine.stream().filter(TransferEvent::done).toList();
    assertEquals(1, done.size(), "done once: " + mine);
    TransferEvent last = mine.get(mine.size() - 1);
    assertTrue(last.done());
    assertEquals(Direction.UPLOAD, last.direction());
    assertEquals(registry.host() + "/team/app", last.repository());
    assertEquals(layer.length, last.bytesDone());
    assertTrue(mine.stream().anyMatch(e -> !e.done() && e.bytesDone() == layer.length), "bytes reported: " + mine);
    assertEquals(mine, clientWide, "the client's listener sees the same events");
  }

  @Test
  void anotherOperationOnTheSameRepositoryIsNotReportedToThisListener() throws Exception {
    registry.enqueue(200, "Content-Length", Integer.toString(layer.length));
    Repository repo = repository();
    repo.withProgress(recorder);

    assertTrue(repo.exists(blob));

    assertTrue(mine.isEmpty());
  }

  @Test
  void aDownloadAndAManifestReportTheirBytesAndDirection() throws Exception {
    EncodedManifest manifest = EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON, List.of(blob)));
    registry.enqueueBody(200, new String(manifest.bytes(), StandardCharsets.UTF_8),
        "Content-Type", MediaTypes.OCI_MANIFEST);
    registry.enqueueBody(200, new String(layer, StandardCharsets.UTF_8));
    Repository view = repository().withProgress(recorder);

    view.fetchManifest(manifest.descriptor());
    try (InputStream in = view.fetch(blob)) {
      in.readAllBytes();
    }

    List<TransferEvent> done = mine.stream().filter(TransferEvent::done).toList();
    assertEquals(List.of(manifest.descriptor(), blob), done.stream().map(TransferEvent::descriptor).toList());
    assertTrue(done.stream().allMatch(e -> e.direction() == Direction.DOWNLOAD));
    assertTrue(mine.stream().anyMatch(e -> !e.done() && e.descriptor().equals(manifest.descriptor())
        && e.bytesDone() == manifest.descriptor().size()), "the manifest's bytes are reported: " + mine);
  }
}
