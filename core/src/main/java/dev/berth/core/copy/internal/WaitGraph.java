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
  /**
   * What is waited on: a node's content (it and everything below it copied) or its being done (its
   * referrers copied too). Being done implies the content, which never waits on being done.
   */
  record Milestone(Digest digest, boolean done) {}

  private final Map<Milestone, Set<Milestone>> edges = new HashMap<>();

  static Milestone content(Digest d) {
    return new Milestone(d, false);
  }

  static Milestone done(Digest d) {
    return new Milestone(d, true);
  }

  /** Records that {@code waiter} waits on {@code target}; false (and nothing recorded) if that closes a loop. */
  synchronized boolean add(Milestone waiter, Milestone target) {
    if (reaches(target, waiter)) {
      return false;
    }
    edges.computeIfAbsent(waiter, k -> new HashSet<>()).add(target);
    return true;
  }

  /** {@code node} waits on nothing any more. */
  synchronized void finished(Milestone node) {
    edges.remove(node);
  }

  private boolean reaches(Milestone from, Milestone to) {
    Deque<Milestone> todo = new ArrayDeque<>();
    Set<Milestone> seen = new HashSet<>();
    todo.push(from);
    while (!todo.isEmpty()) {
      Milestone d = todo.pop();
      if (d.equals(to)) {
        return true;
      }
      if (seen.add(d)) {
        todo.addAll(edges.getOrDefault(d, Set.of()));
        if (d.done()) {
          todo.add(content(d.digest())); // done waits on the node's own content
        }
      }
    }
    return false;
  }
}
