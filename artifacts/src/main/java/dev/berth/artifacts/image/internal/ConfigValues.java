package dev.berth.artifacts.image.internal;

import java.util.Locale;

/** Checks and normal forms of config values shared by {@code image append} and the Dockerfile builder. */
public final class ConfigValues {
  private ConfigValues() {}

  /** {@code 8080} as {@code 8080/tcp}; {@code 53/UDP} as {@code 53/udp}; ranges as Docker writes them. */
  public static String port(String port) {
    if (port == null || !port.matches("[0-9]{1,5}(-[0-9]{1,5})?(/(tcp|udp|sctp|TCP|UDP|SCTP))?")) {
      throw new IllegalArgumentException("port \"" + port + "\" is not PORT[/tcp|udp|sctp]");
    }
    String[] parts = port.split("/");
    return parts[0] + "/" + (parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "tcp");
  }

  /** A signal name ({@code SIGTERM}) or number. */
  public static String stopSignal(String signal) {
    if (signal == null || !signal.matches("SIG[A-Z0-9+-]+|[0-9]{1,2}")) {
      throw new IllegalArgumentException("stop signal \"" + signal + "\" is neither a SIG... name nor a number");
    }
    return signal;
  }
}
