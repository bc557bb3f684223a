package dev.berth.artifacts.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.artifacts.image.Dockerfile.Instruction;
import dev.berth.artifacts.image.DockerfileException;
import dev.berth.artifacts.internal.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Dockerfile instruction's arguments the way Docker does: {@code --name=value} flags, the exec
 * form's JSON array, blank-separated words with their quotes, {@code KEY=VALUE} pairs, and {@code $VAR}
 * substitution; each problem is a {@link DockerfileException} naming the line.
 */
final class InstructionArgs {
  private InstructionArgs() {}

  /** The instruction's {@code --name=value} flags, refusing names not in {@code allowed}. */
  static Map<String, String> flags(Instruction ins, Set<String> allowed) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String flag : ins.flags()) {
      String body = flag.substring(2);
      int eq = body.indexOf('=');
      String name = (eq < 0 ? body : body.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (name.equals("from") && (ins.keyword().equals("COPY") || ins.keyword().equals("ADD"))) {
        throw new DockerfileException(ins.line(), ins.keyword() + " --from needs another stage or image;"
            + " berth copies from the build context only");
      }
      if (!allowed.contains(name)) {
        throw new DockerfileException(ins.line(), ins.keyword() + " --" + name + " is not supported"
            + (allowed.isEmpty() ? "" : " (berth knows --" + String.join(", --", allowed.stream().sorted().toList()) + ")"));
      }
      out.put(name, eq < 0 ? "true" : body.substring(eq + 1));
    }
    return out;
  }

  /** The arguments as a JSON string array (exec form), or null when they are not one (shell form). */
  static @Nullable List<String> jsonArray(Instruction ins) {
    String a = ins.arguments();
    if (!a.startsWith("[")) {
      return null;
    }
    try {
      JsonNode node = JsonDocuments.tree(a.getBytes(StandardCharsets.UTF_8));
      if (!node.isArray()) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : node) {
        if (!e.isTextual()) {
          return null;
        }
        out.add(e.asText());
      }
      return out;
    } catch (IOException e) {
      return null; // not JSON: Docker takes it as the shell form
    }
  }

  /** KEY=VALUE pairs (ENV, LABEL), or the old single {@code KEY VALUE} form, values substituted. */
  static Map<String, String> pairs(Instruction ins, Map<String, String> scope, char escape) {
    List<String> words = words(ins);
    Map<String, String> out = new LinkedHashMap<>();
    if (words.isEmpty()) {
      throw new DockerfileException(ins.line(), ins.keyword() + " needs KEY=VALUE");
    }
    if (!words.get(0).contains("=")) {
      String rest = ins.arguments().substring(ins.arguments().indexOf(words.get(0)) + words.get(0).length()).strip();
      if (rest.isEmpty()) {
        throw new DockerfileException(ins.line(), ins.keyword() + " " + words.get(0) + " needs a value");
      }
      out.put(substitute(words.get(0), scope, escape, ins), substitute(rest, scope, escape, ins));
      return out;
    }
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw new DockerfileException(ins.line(), ins.keyword() + ": \"" + w + "\" is not KEY=VALUE");
      }
      out.put(substitute(w.substring(0, eq), scope, escape, ins), substitute(w.substring(eq + 1), scope, escape, ins));
    }
    return out;
  }

  static String substitute(String word, Map<String, String> scope, char escape, Instruction ins) {
    try {
      return Substitution.word(word, scope, escape);
    } catch (IllegalArgumentException e) {
      throw new DockerfileException(ins.line(), e.getMessage());
    }
  }

  /** Splits the arguments on blanks outside quotes, keeping quotes and escapes for substitution. */
  static List<String> words(Instruction ins) {
    List<String> out = new ArrayList<>();
    String a = ins.arguments();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      cur.append(c);
      if ((c == '\\' || c == '`') && i + 1 < a.length() && quote != '\'') {
        cur.append(a.charAt(++i));
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (quote != 0) {
      throw new DockerfileException(ins.line(), "unterminated quote in: " + a);
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
