package dev.berth.core.copy.internal;

import dev.berth.core.Digest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which unfinished nodes of a graph copy wait on which others. Every edge is checked as it is added: an
 * edge that closes a loop is refused, because the nodes on that loop would wait on each other for ever
 * (each node is visited once, so a later path to it waits on the first visit). Finished nodes drop
 * their edges, so only manifests still in flight are walked.
 */
final class WaitGraph {
  private final Map<Digest, Set<Digest>> edges = new HashMap<>();

  /** Records that {@code waiter} waits on {@code target}; false (and nothing recorded) if that closes a loop. */
  synchronized boolean add(Digest waiter, Digest target) {
    if (reaches(target, waiter)) {
      return false;
    }
    edges.computeIfAbsent(waiter, k -> new HashSet<>()).add(target);
    return true;
  }

  /** {@code node} waits on nothing any more. */
  synchronized void finished(Digest node) {
    edges.remove(node);
  }

  private boolean reaches(Digest from, Digest to) {
    Deque<Digest> todo = new ArrayDeque<>();
    Set<Digest> seen = new HashSet<>();
    todo.push(from);
    while (!todo.isEmpty()) {
      Digest d = todo.pop();
      if (d.equals(to)) {
        return true;
      }
      if (seen.add(d)) {
        todo.addAll(edges.getOrDefault(d, Set.of()));
      }
    }
    return false;
  }
}
