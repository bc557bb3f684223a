package dev.berth.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every sample and failure of a benchmark, by workload and contender, in the order first seen. */
final class Results {
  private final Map<Workload, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
  private final Map<Workload, Map<String, List<String>>> failures = new LinkedHashMap<>();

  void add(Workload w, Contender c, Sample s) {
    samples.computeIfAbsent(w, k -> new LinkedHashMap<>()).computeIfAbsent(c.label(), k -> new ArrayList<>()).add(s);
    failures.computeIfAbsent(w, k -> new LinkedHashMap<>()).computeIfAbsent(c.label(), k -> new ArrayList<>());
  }

  void fail(Workload w, Contender c, String why) {
    samples.computeIfAbsent(w, k -> new LinkedHashMap<>()).computeIfAbsent(c.label(), k -> new ArrayList<>());
    failures.computeIfAbsent(w, k -> new LinkedHashMap<>()).computeIfAbsent(c.label(), k -> new ArrayList<>()).add(why);
  }

  List<Workload> workloads() {
    return List.copyOf(samples.keySet());
  }

  List<String> contenders(Workload w) {
    return List.copyOf(samples.getOrDefault(w, Map.of()).keySet());
  }

  List<Sample> samples(Workload w, String contender) {
    return samples.getOrDefault(w, Map.of()).getOrDefault(contender, List.of());
  }

  List<String> failures(Workload w, String contender) {
    return failures.getOrDefault(w, Map.of()).getOrDefault(contender, List.of());
  }

  Summary summary(Workload w, String contender, DataSet data) {
    return Summary.of(samples(w, contender), failures(w, contender).size(), w.bytes(data), w.artifacts(data));
  }
}
