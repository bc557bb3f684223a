package dev.berth.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians: robust to the odd slow run on a shared, noisy machine, unlike means. */
final class Median {
  private Median() {}

  static double of(double... values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }

  static <T> double of(List<T> items, ToDoubleFunction<T> value) {
    return of(items.stream().mapToDouble(value).toArray());
  }
}
