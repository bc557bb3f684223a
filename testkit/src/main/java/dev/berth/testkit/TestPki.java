package dev.berth.testkit;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway public-key infrastructure for tests: an in-memory certificate authority that issues
 * TLS server certificates for loopback servers (written as PEM files that docker-registry's
 * {@code http.tls} reads), a trust manager that trusts only this CA, and a separate self-signed
 * key for signing registry tokens.
 *
 * <pre>{@code
 * try (TestPki pki = TestPki.create()) {
 *   TestPki.ServerCert cert = pki.issueServerCertificate("127.0.0.1", "localhost");
 *   OkHttpClient client = new OkHttpClient.Builder()
 *       .sslSocketFactory(pki.sslSocketFactory(), pki.trustManager()).build();
 * }
 * }</pre>
 *
 * <p>Closing deletes the PEM files. Keys never leave the JVM except as those temp files.
 */
public final class TestPki implements AutoCloseable {
  /** The key algorithm for the CA and every key it issues. */
  public enum KeyType {
    /** ECDSA on P-256, signatures SHA256withECDSA; tokens are signed ES256. Fast to generate. */
    EC,
    /** RSA 2048, signatures SHA256withRSA; tokens are signed RS256. */
    RSA
  }

  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private final KeyType keyType;
  private final Path dir;
  private final KeyPair caKeys;
  private final X500Name caName;
  private final X509Certificate caCert;
  private final Path caPemFile;
  private final Path caCertDir;
  private final X509TrustManager trustManager;
  private final SSLContext clientContext;
  private SigningKey signingKey;

  private TestPki(KeyType keyType) throws GeneralSecurityException {
    this.keyType = keyType;
    this.dir = TempDirs.create("berth-pki-");
    this.caKeys = newKeyPair(keyType);
    this.caName = new X500Name("CN=berth test CA " + SERIALS.get());
    this.caCert = sign(caName, caKeys.getPublic(), caName, caKeys, certificateAuthorityExtensions());
    this.caPemFile = Pem.write(dir.resolve("ca.pem"), Pem.certificate(caCert));
    this.caCertDir = dir.resolve("certs.d");
    try {
      java.nio.file.Files.createDirectories(caCertDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Pem.write(caCertDir.resolve("ca.crt"), Pem.certificate(caCert));
    this.trustManager = trustManagerFor(caCert);
    this.clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, new TrustManager[] {trustManager}, null);
  }

  /** Creates a PKI whose keys are EC P-256. */
  public static TestPki create() {
    return create(KeyType.EC);
  }

  /** Creates a PKI whose keys are of the given type. */
  public static TestPki create(KeyType keyType) {
    try {
      return new TestPki(keyType);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create test CA", e);
    }
  }

  /** The key algorithm of this PKI. */
  public KeyType keyType() {
    return keyType;
  }

  /** The CA certificate. */
  public X509Certificate caCertificate() {
    return caCert;
  }

  /** The CA certificate as PEM text, e.g. for {@code --ca-file} or a client's trust store. */
  public String caPem() {
    return Pem.certificate(caCert);
  }

  /** A PEM file holding only the CA certificate; deleted on {@link #close()}. */
  public Path caPemFile() {
    return caPemFile;
  }

  /**
   * A directory holding only {@code ca.crt}, the layout that skopeo's {@code --src-cert-dir} /
   * {@code --dest-cert-dir} and {@code /etc/docker/certs.d/HOST/} expect (it must contain no stray
   * {@code .key} files, which those tools would read as client keys).
   */
  public Path caCertDir() {
    return caCertDir;
  }

  /** The directory holding this PKI's PEM files. */
  public Path directory() {
    return dir;
  }

  /** A trust manager that trusts certificates issued by this CA and nothing else. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** A client-side TLS context that trusts only this CA. */
  public SSLContext sslContext() {
    return clientContext;
  }

  /** A socket factory for clients (pair it with {@link #trustManager()} in OkHttp). */
  public SSLSocketFactory sslSocketFactory() {
    return clientContext.getSocketFactory();
  }

  /**
   * Issues a TLS server certificate for the given host names and IP literals (the first one is
   * also the subject CN) and writes its chain and key as PEM files.
   */
  public ServerCert issueServerCertificate(String... hostsAndIps) {
    if (hostsAndIps.length == 0) {
      throw new IllegalArgumentException("at least one host or IP is required");
    }
    try {
      KeyPair keys = newKeyPair(keyType);
      List<GeneralName> names = new ArrayList<>();
      for (String host : hostsAndIps) {
        names.add(new GeneralName(isIpLiteral(host) ? GeneralName.iPAddress : GeneralName.dNSName, host));
      }
      X509Certificate cert = sign(new X500Name("CN=" + hostsAndIps[0]), keys.getPublic(),
          caName, caKeys,
          serverExtensions(new GeneralNames(names.toArray(GeneralName[]::new))));
      long serial = cert.getSerialNumber().longValue();
      Path chain = Pem.write(dir.resolve("server-" + serial + ".pem"), Pem.certificate(cert) + caPem());
      Path key = Pem.write(dir.resolve("server-" + serial + ".key"), Pem.privateKey(keys.getPrivate()));
      return new ServerCert(cert, caCert, keys.getPrivate(), chain, key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue server certificate", e);
    }
  }

  /**
   * The key that a token server signs JWTs with. Its certificate is self-signed and written to a
   * PEM file to be used as docker-registry's {@code auth.token.rootcertbundle}; keeping it apart
   * from the TLS CA means a token signed by any other key is refused. Created on first use.
   */
  public synchronized SigningKey tokenSigningKey() {
    if (signingKey == null) {
      try {
        KeyPair keys = newKeyPair(keyType);
        X500Name name = new X500Name("CN=berth test token signer");
        X509Certificate cert = sign(name, keys.getPublic(), name, keys, signingExtensions());
        Path pem = Pem.write(dir.resolve("token-signer.pem"), Pem.certificate(cert));
        signingKey = new SigningKey(keys, cert, pem, keyType == KeyType.EC ? "ES256" : "RS256");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot create token signing key", e);
      }
    }
    return signingKey;
  }

  /** Deletes the PEM files. */
  @Override
  public void close() {
    TempDirs.deleteRecursively(dir);
  }

  /** A server certificate issued by a {@link TestPki}, with its PEM files. */
  public static final class ServerCert {
    private final X509Certificate certificate;
    private final X509Certificate ca;
    private final PrivateKey privateKey;
    private final Path chainPemFile;
    private final Path keyPemFile;

    ServerCert(X509Certificate certificate, X509Certificate ca, PrivateKey privateKey, Path chainPemFile,
        Path keyPemFile) {
      this.certificate = certificate;
      this.ca = ca;
      this.privateKey = privateKey;
      this.chainPemFile = chainPemFile;
      this.keyPemFile = keyPemFile;
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
      return certificate;
    }

    /** The leaf's private key. */
    public PrivateKey privateKey() {
      return privateKey;
    }

    /** PEM file with the leaf then the CA certificate (docker-registry {@code http.tls.certificate}). */
    public Path chainPemFile() {
      return chainPemFile;
    }

    /** PEM file with the PKCS#8 private key (docker-registry {@code http.tls.key}). */
    public Path keyPemFile() {
      return keyPemFile;
    }

    /** A server-side TLS context presenting this certificate, for in-process servers. */
    public SSLContext serverSslContext() {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "unused".toCharArray();
        store.setKeyEntry("server", privateKey, password, new X509Certificate[] {certificate, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
      } catch (Exception e) {
        throw new IllegalStateException("cannot build server TLS context", e);
      }
    }
  }

  /**
   * A token signing key: the key pair, its self-signed certificate (sent in the JWT {@code x5c}
   * header), a PEM file of that certificate (the registry's root cert bundle) and the JWS
   * algorithm name ({@code ES256} or {@code RS256}).
   */
  public record SigningKey(KeyPair keyPair, X509Certificate certificate, Path certificatePemFile,
      String jwsAlgorithm) {
    @Override
    public String toString() {
      return "SigningKey[" + jwsAlgorithm + ", " + certificate.getSubjectX500Principal() + "]";
    }
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  private static KeyPair newKeyPair(KeyType type) throws GeneralSecurityException {
    if (type == KeyType.EC) {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return gen.generateKeyPair();
    }
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    return gen.generateKeyPair();
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder, PublicKey subjectKey) throws Exception;
  }

  private static Extensions certificateAuthorityExtensions() {
    return (b, key) -> {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
    };
  }

  private static Extensions serverExtensions(GeneralNames names) {
    return (b, key) -> {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(Extension.subjectAlternativeName, false, names);
    };
  }

  private static Extensions signingExtensions() {
    // CA=true so that Go's x509 verifier accepts the self-signed cert as its own root.
    return (b, key) -> {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
    };
  }

  private X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
      Extensions extensions) throws GeneralSecurityException {
    Instant now = Instant.now();
    // Backdated an hour so that clock skew between the JVM and the registry never matters.
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))), subject, subjectKey);
    try {
      extensions.add(builder, subjectKey);
      String algorithm = keyType == KeyType.EC ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    } catch (GeneralSecurityException e) {
      throw e;
    } catch (Exception e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static X509TrustManager trustManagerFor(X509Certificate ca) throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("berth-test-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new GeneralSecurityException("no X509TrustManager");
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
