package io.istiolint.rules.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PEM parsing with the JDK: keys it must read, and input it must refuse with a reason instead of throwing. */
class PemTest {

  private static byte[] pem(String type, byte[] der) {
    return ("-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static KeyPair pair(String algorithm) throws Exception {
    return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA", "EC", "Ed25519"})
  void readsPkcs8KeysAndMatchesThemToTheirPublicKey(String algorithm) throws Exception {
    KeyPair keys = pair(algorithm);
    var key = Pem.privateKey(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    assertThat(Pem.matches(key, keys.getPublic())).isTrue();
    assertThat(Pem.matches(key, pair(algorithm).getPublic())).isFalse();
  }

  @Test
  void aKeyOfAnotherAlgorithmDoesNotMatch() throws Exception {
    assertThat(Pem.matches(pair("EC").getPrivate(), pair("RSA").getPublic())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "CERTIFICATE"})
  void randomDerIsRefusedWithAReason(String type) {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] der = new byte[random.nextInt(80)];
      random.nextBytes(der);
      if (der.length > 0 && random.nextBoolean()) {
        der[0] = 0x30;
      }
      byte[] input = pem(type, der);
      if (type.equals("CERTIFICATE")) {
        assertThatThrownBy(() -> Pem.certificates(input)).isInstanceOf(Pem.PemException.class);
      } else {
        assertThatThrownBy(() -> Pem.privateKey(input)).isInstanceOf(Pem.PemException.class);
      }
    }
  }

  @Test
  void encryptedKeysAreRefused() {
    byte[] legacy = ("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
        + "-----END RSA PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Pem.privateKey(legacy)).hasMessageContaining("encrypted");
    assertThatThrownBy(() -> Pem.privateKey(pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0})))
        .hasMessageContaining("encrypted");
  }

  @Test
  void textWithoutBlocksIsRefused() {
    assertThatThrownBy(() -> Pem.certificates("hello".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("BEGIN CERTIFICATE");
    assertThatThrownBy(() -> Pem.privateKey("hello".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("BEGIN PRIVATE KEY");
  }
}
