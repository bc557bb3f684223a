package dev.berth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs JWTs the way distribution 2.8 verifies them: the header carries the signing certificate in
 * {@code x5c} (standard Base64 DER, per RFC 7515 section 4.1.6), which the registry checks against
 * {@code auth.token.rootcertbundle}; ES256 signatures are the raw 64-byte r||s form of RFC 7518
 * section 3.4, not DER.
 */
final class Jwt {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Jwt() {}

  static String sign(TestPki.SigningKey key, Map<String, Object> claims) {
    try {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("typ", "JWT");
      header.put("alg", key.jwsAlgorithm());
      header.put("x5c", List.of(Base64.getEncoder().encodeToString(key.certificate().getEncoded())));
      String signingInput = URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
          + URL.encodeToString(JSON.writeValueAsBytes(claims));
      Signature signature = Signature.getInstance(
          key.jwsAlgorithm().equals("ES256") ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
      signature.initSign(key.keyPair().getPrivate());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }
}
