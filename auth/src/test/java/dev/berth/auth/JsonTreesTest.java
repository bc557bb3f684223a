package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** JsonTrees must read every document exactly as ObjectMapper.readTree does, and fail where it fails. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SEED = "{\"auths\":{\"ghcr.io\":{\"auth\":\"dTpw\",\"n\":[1,-2,3.5e2,"
      + "12345678901234567890123,true,false,null]},\"\\u00e9\\n\":{}},\"token\":\"a\\\"b\",\"expires_in\":300,"
      + "\"dup\":1,\"dup\":2,\"deep\":[[[{\"x\":[]}]]]}";

  private static void same(byte[] bytes) throws IOException {
    JsonNode expected;
    try {
      expected = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      assertThrows(JsonProcessingException.class, () -> JsonTrees.parse(bytes),
          new String(bytes, StandardCharsets.UTF_8));
      return;
    }
    assertEquals(expected, JsonTrees.parse(bytes), new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void readsWhatReadTreeReads() throws IOException {
    for (String doc : List.of(SEED, "", "   ", "null", "7", "\"s\"", "[]", "{}", "{\"a\":1} trailing",
        "{\"big\":1e400,\"neg\":-0,\"int\":2147483648}", "[1,2", "{\"a\":}", "{'a':1}", "[" .repeat(2000))) {
      same(doc.getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(JsonTrees.parse(new byte[0]).isMissingNode());
  }

  @Property(tries = 1000)
  void mutatedDocumentsReadAsReadTreeReadsThem(@ForAll("edits") List<Tuple.Tuple2<Integer, Byte>> edits)
      throws IOException {
    byte[] bytes = SEED.getBytes(StandardCharsets.UTF_8);
    for (Tuple.Tuple2<Integer, Byte> e : edits) {
      bytes[e.get1() % bytes.length] = e.get2();
    }
    same(bytes);
  }

  @Provide
  Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> edits() {
    Arbitrary<Byte> interesting = Arbitraries.of((byte) '{', (byte) '}', (byte) '[', (byte) ']', (byte) '"',
        (byte) ':', (byte) ',', (byte) '1', (byte) '-', (byte) '.', (byte) 'e', (byte) ' ', (byte) '\\');
    return Combinators.combine(Arbitraries.integers().between(0, 10_000), interesting).as(Tuple::of)
        .list().ofMinSize(1).ofMaxSize(3);
  }
}
