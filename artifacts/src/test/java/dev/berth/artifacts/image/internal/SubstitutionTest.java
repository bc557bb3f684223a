package dev.berth.artifacts.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's substitution rules, from its reference (environment replacement). */
class SubstitutionTest {
  private static final Map<String, String> VARS = Map.of("HOME", "/root", "EMPTY", "");

  @Test
  void dockerfileWords() {
    assertEquals("/root/bin", Substitution.word("$HOME/bin", VARS, '\\'));
    assertEquals("/root_x", Substitution.word("${HOME}_x", VARS, '\\'));
    assertEquals("", Substitution.word("$HOME_x", VARS, '\\'), "an unset variable is empty");
    assertEquals("dflt|", Substitution.word("${EMPTY:-dflt}|${EMPTY-kept}", VARS, '\\'));
    assertEquals("set|", Substitution.word("${HOME:+set}|${NOPE:+set}", VARS, '\\'));
    assertEquals("$HOME", Substitution.word("\\$HOME", VARS, '\\'));
    assertEquals("$HOME", Substitution.word("'$HOME'", VARS, '\\'), "single quotes are literal");
    assertEquals("a /root b", Substitution.word("\"a $HOME b\"", VARS, '\\'));
    assertEquals("$HOME", Substitution.word("`$HOME", VARS, '`'), "the escape directive's character");
    assertEquals("${HOME:-/x}", Substitution.word("\\${HOME:-/x}", VARS, '\\'));
    assertEquals("/root/x", Substitution.word("${NOPE:-$HOME/x}", VARS, '\\'), "words nest");
  }

  @Test
  void envValuesKeepQuotesAndBackslashes() {
    assertEquals("it's \"/root\" C:\\dir", Substitution.value("it's \"$HOME\" C:\\dir", VARS));
    assertEquals("$HOME", Substitution.value("\\$HOME", VARS));
    assertEquals("cost $", Substitution.value("cost $", VARS));
  }

  @Test
  void malformedSubstitutionsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Substitution.word("${HOME", VARS, '\\'));
    assertThrows(IllegalArgumentException.class, () -> Substitution.word("${HOME%%.*}", VARS, '\\'));
    assertThrows(IllegalArgumentException.class, () -> Substitution.word("'open", VARS, '\\'));
  }
}
