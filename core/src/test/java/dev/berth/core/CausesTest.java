package dev.berth.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void findReturnsTheFirstOfAnyTypeAlongTheChainItselfIncluded() {
    ConnectException refused = new ConnectException("Connection refused");
    IOException outer = new IOException("copy failed", new IOException("push failed", refused));
    assertSame(refused, Causes.find(outer, UnknownHostException.class, ConnectException.class));
    assertSame(outer, Causes.find(outer, IOException.class));
    assertNull(Causes.find(outer, UnknownHostException.class));
  }

  @Test
  void aCauseThatIsItsOwnCauseEndsTheWalk() {
    Throwable selfCaused = new Throwable("loop") {
      @Override
      public synchronized Throwable getCause() {
        return this;
      }
    };
    assertNull(Causes.find(selfCaused, IOException.class));
    assertSame(selfCaused, Causes.root(selfCaused));
  }

  @Test
  void rootIsTheLastCause() {
    IOException root = new IOException("reset");
    assertSame(root, Causes.root(new RuntimeException(new IOException(root))));
    assertSame(root, Causes.root(root));
  }

  @Test
  void firstLineOrTheSimpleNameWhenThereIsNoMessage() {
    assertEquals("first", Causes.firstLine(new IOException("first\nsecond")));
    assertEquals("IOException", Causes.firstLine(new IOException()));
    assertEquals("IOException", Causes.firstLine(new IOException("  ")));
  }
}
