package io.istiolint.webhook;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate and its key, written as PEM files, for {@code --self-signed}: enough for a demo or
 * a test cluster, where the printed {@code caBundle} goes into the ValidatingWebhookConfiguration.
 *
 * @param certificate the certificate, PEM
 * @param privateKey  its EC P-256 private key, PKCS#8 PEM
 */
record SelfSignedCertificate(Path certificate, Path privateKey) {

  private static final Duration VALIDITY = Duration.ofDays(365);

  /**
   * Issues a certificate for {@code dnsNames} (and 127.0.0.1) into {@code directory}.
   *
   * @throws IOException when the files cannot be written
   */
  static SelfSignedCertificate issue(Path directory, List<String> dnsNames) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=" + dnsNames.get(0));
      Instant now = Instant.now();
      List<GeneralName> names = new ArrayList<>();
      dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
      names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
      X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic())
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)))
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      Files.createDirectories(directory);
      Path cert = Files.writeString(directory.resolve("tls.crt"), pem(certificate));
      Path key = directory.resolve("tls.key");
      Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null).generate()));
      return new SelfSignedCertificate(cert, key);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a self-signed certificate: " + e.getMessage(), e);
    }
  }

  /** The certificate as a ValidatingWebhookConfiguration's {@code caBundle}: its PEM, base64. */
  String caBundle() throws IOException {
    return Base64.getEncoder().encodeToString(Files.readString(certificate).getBytes(StandardCharsets.US_ASCII));
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
