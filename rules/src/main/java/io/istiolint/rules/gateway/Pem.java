package io.istiolint.rules.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys as Envoy reads them, with the JDK only: X.509 certificates; private keys
 * in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) form, the
 * last two rewrapped as PKCS#8. Encrypted keys are refused, as Envoy refuses them.
 */
final class Pem {

  /** Why a PEM value cannot be used; the message says it in a user's words. */
  static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
      super(message);
    }
  }

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
  private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
  private static final byte[] DER_NULL = {0x05, 0x00};
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
  private static final String ENCRYPTED = "the private key is encrypted with a passphrase, which the gateway cannot use";

  private Pem() {}

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(byte[] pem) throws PemException {
    String text = new String(pem, StandardCharsets.ISO_8859_1);
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(2);
      if (body.contains("Proc-Type:") && body.contains("ENCRYPTED")) {
        throw new PemException(ENCRYPTED);
      }
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body.strip())));
      } catch (IllegalArgumentException e) {
        throw new PemException("the PEM block `" + m.group(1) + "` is not valid base64");
      }
    }
    return blocks;
  }

  /** Every certificate of a PEM bundle, leaf first. */
  static List<X509Certificate> certificates(byte[] pem) throws PemException {
    List<X509Certificate> certs = new ArrayList<>();
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no X.509 support", e);
    }
    for (Block b : blocks(pem)) {
      if (!b.type().equals("CERTIFICATE")) {
        continue;
      }
      try {
        certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new PemException("certificate " + (certs.size() + 1) + " of the PEM does not parse as X.509");
      }
    }
    if (certs.isEmpty()) {
      throw new PemException("no `-----BEGIN CERTIFICATE-----` block");
    }
    return certs;
  }

  /** The first private key of a PEM value. */
  static PrivateKey privateKey(byte[] pem) throws PemException {
    for (Block b : blocks(pem)) {
      switch (b.type()) {
        case "PRIVATE KEY":
          return pkcs8(b.der(), "PRIVATE KEY");
        case "RSA PRIVATE KEY":
          return pkcs8(sequence(VERSION_0, sequence(RSA_OID, DER_NULL), octets(b.der())), "RSA PRIVATE KEY");
        case "EC PRIVATE KEY":
          return pkcs8(sequence(VERSION_0, sequence(EC_OID, curveOf(b.der())), octets(b.der())), "EC PRIVATE KEY");
        case "ENCRYPTED PRIVATE KEY":
          throw new PemException(ENCRYPTED);
        default:
          break;
      }
    }
    throw new PemException("no `-----BEGIN PRIVATE KEY-----` (or RSA/EC PRIVATE KEY) block");
  }

  /** True when {@code key} is the private half of {@code publicKey}: a signature by one verifies with the other. */
  static boolean matches(PrivateKey key, PublicKey publicKey) throws PemException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
      default -> throw new PemException("unsupported key algorithm " + key.getAlgorithm());
    };
    if (!publicKey.getAlgorithm().equals(key.getAlgorithm())
        && !(publicKey.getAlgorithm().startsWith("Ed") && key.getAlgorithm().startsWith("Ed"))) {
      return false;
    }
    byte[] probe = "istiolint key match probe".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static PrivateKey pkcs8(byte[] der, String type) throws PemException {
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // Not this algorithm: PKCS#8 names it inside, and the JDK only says so by failing; try the next.
      }
    }
    throw new PemException("the `" + type + "` block does not parse as an RSA, EC or EdDSA private key");
  }

  /** The named-curve OID of a SEC1 ECPrivateKey: {@code SEQUENCE {INTEGER 1, OCTET STRING, [0] OID, [1] BIT STRING}}. */
  private static byte[] curveOf(byte[] sec1) throws PemException {
    try {
      Der seq = new Der(sec1, 0);
      int p = seq.contentStart;
      while (p < seq.end) {
        Der element = new Der(sec1, p);
        if ((sec1[p] & 0xff) == 0xa0) {
          Der oid = new Der(sec1, element.contentStart);
          if (sec1[element.contentStart] == 0x06) {
            return Arrays.copyOfRange(sec1, element.contentStart, oid.end);
          }
        }
        p = element.end;
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new PemException("the `EC PRIVATE KEY` block is not valid DER");
    }
    throw new PemException("the `EC PRIVATE KEY` block names no curve");
  }

  /** A DER element at {@code start}: where its content begins and where it ends. */
  private static final class Der {
    final int contentStart;
    final int end;

    Der(byte[] b, int start) {
      int len = b[start + 1] & 0xff;
      int p = start + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[p++] & 0xff);
        }
      }
      contentStart = p;
      end = p + len;
      if (end > b.length || len < 0) {
        throw new ArrayIndexOutOfBoundsException(end);
      }
    }
  }

  private static byte[] sequence(byte[]... parts) {
    return tagged(0x30, concat(parts));
  }

  private static byte[] octets(byte[] content) {
    return tagged(0x04, content);
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
