package dev.berth.core.remote.internal;

import dev.berth.core.content.LocalFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** TLS trust: the JDK's roots plus a PEM bundle ({@code --ca-file}), or no verification at all ({@code --insecure}). */
public final class TlsSetup {
  /** A CA bundle is a few hundred KiB at most (a whole system store); more is not a CA file. */
  static final long MAX_CA_FILE_BYTES = 16L << 20;

  private TlsSetup() {}

  /** Trusts the JDK's default roots and every certificate in {@code pemFile}. */
  public static void trustAlso(OkHttpClient.Builder builder, Path pemFile) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate root : defaultTrustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + i++, root);
      }
      Collection<? extends Certificate> extra;
      try (InputStream in = new ByteArrayInputStream(LocalFiles.readRegularFile(pemFile, MAX_CA_FILE_BYTES))) {
        extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(pemFile.toString(), null, "CA file does not exist");
      }
      if (extra.isEmpty()) {
        throw new IOException("CA file " + pemFile + " holds no certificate");
      }
      for (Certificate c : extra) {
        store.setCertificateEntry("ca-file-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
      builder.sslSocketFactory(context(tm).getSocketFactory(), tm);
    } catch (CertificateException e) {
      throw new IOException("CA file " + pemFile + " is not a PEM certificate bundle: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS trust with " + pemFile + ": " + e.getMessage(), e);
    }
  }

  /** Accepts any certificate and host name: only for registries the user explicitly marked insecure. */
  public static void trustEverything(OkHttpClient.Builder builder) {
    X509TrustManager all = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      builder.sslSocketFactory(context(all).getSocketFactory(), all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context", e);
    }
    builder.hostnameVerifier((host, session) -> true);
  }

  private static SSLContext context(X509TrustManager tm) throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
    return ctx;
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }
}
