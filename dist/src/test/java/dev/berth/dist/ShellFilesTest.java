package dev.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellFilesTest {
  @Test
  void bracketsInsideItalicLabelsBecomeAttributeReferences() {
    assertEquals("[*--config*=_FILE{startsb}:MEDIATYPE{endsb}_] _REF_",
        ShellFiles.escapeBracketsInLabels("[*--config*=_FILE[:MEDIATYPE]_] _REF_"));
    assertEquals("*--platform*=_OS/ARCH{startsb}/VARIANT{endsb}_::",
        ShellFiles.escapeBracketsInLabels("*--platform*=_OS/ARCH[/VARIANT]_::"));
  }

  @Test
  void everythingElseIsLeftAlone() {
    String text = "[_COMMAND_]:: and [*-hV*] and a_snake_case [x] name";
    assertEquals(text, ShellFiles.escapeBracketsInLabels(text));
  }
}
