package dev.berth.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Sizes on the command line: {@code 1024}, {@code 1KiB}, {@code 32MiB}, {@code 4GiB} (also {@code K}, {@code M}, {@code G}). */
final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    return parse(value);
  }

  static long parse(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    long unit = 1;
    for (String[] suffix : new String[][] {{"KIB", "K", "KB"}, {"MIB", "M", "MB"}, {"GIB", "G", "GB"}}) {
      unit *= 1024;
      for (String s : suffix) {
        if (v.endsWith(s)) {
          return Math.multiplyExact(Long.parseLong(v.substring(0, v.length() - s.length())), unit);
        }
      }
    }
    if (v.endsWith("B")) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a size: " + value + " (e.g. 1024, 64KiB, 256MiB, 4GiB)");
    }
  }
}
