package io.github.vulcanscraper.core.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads PEM certificates and private keys with the JDK alone: certificates through {@link
 * CertificateFactory}; keys in PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) or PKCS#1 ({@code
 * BEGIN RSA PRIVATE KEY}, wrapped into PKCS#8 here). Error messages say what was expected and never
 * show key material.
 */
public final class Pem {
  private static final byte[] RSA_ALGORITHM_ID = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private Pem() {}

  /**
   * The certificates of a PEM text, in order.
   *
   * @throws CertificateException when there is none or one does not parse
   */
  public static List<X509Certificate> certificates(String pem, String what)
      throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> result = new ArrayList<>();
    try {
      for (var c :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        result.add((X509Certificate) c);
      }
    } catch (CertificateException e) {
      throw new CertificateException(what + ": not a PEM certificate: " + e.getMessage(), e);
    }
    if (result.isEmpty()) {
      throw new CertificateException(what + ": no certificate found");
    }
    return result;
  }

  /**
   * The private key of a PEM text.
   *
   * @throws GeneralSecurityException when no supported key block is found or it does not parse
   */
  public static PrivateKey privateKey(String pem, String what) throws GeneralSecurityException {
    byte[] pkcs8 = block(pem, "PRIVATE KEY");
    if (pkcs8 == null) {
      byte[] pkcs1 = block(pem, "RSA PRIVATE KEY");
      if (pkcs1 != null) {
        return KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(wrapRsa(pkcs1)));
      }
      throw new InvalidKeySpecException(
          what
              + ": expected a PEM block 'BEGIN PRIVATE KEY' (PKCS#8)"
              + " or 'BEGIN RSA PRIVATE KEY'; convert others with 'openssl pkcs8 -topk8 -nocrypt'");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException e) {
        // try the next algorithm
      }
    }
    throw new InvalidKeySpecException(what + ": the PKCS#8 key is neither RSA nor EC");
  }

  private static byte @Nullable [] block(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = pem.indexOf(begin);
    if (b < 0) {
      return null;
    }
    int e = pem.indexOf(end, b);
    if (e < 0) {
      return null;
    }
    String body = pem.substring(b + begin.length(), e);
    try {
      return Base64.getMimeDecoder().decode(body);
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }

  /** PKCS#1 RSAPrivateKey into PKCS#8 PrivateKeyInfo. */
  private static byte[] wrapRsa(byte[] pkcs1) {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.write(0x02); // INTEGER 0 (version)
    inner.write(0x01);
    inner.write(0x00);
    inner.writeBytes(RSA_ALGORITHM_ID);
    inner.write(0x04); // OCTET STRING
    writeLength(inner, pkcs1.length);
    inner.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30); // SEQUENCE
    writeLength(out, inner.size());
    out.writeBytes(inner.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write((length >> 8) & 0xff);
      out.write(length & 0xff);
    }
  }
}
