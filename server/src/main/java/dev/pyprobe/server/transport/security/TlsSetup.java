package dev.pyprobe.server.transport.security;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The server's TLS context: from PEM files, or from a certificate generated for this run. */
public record TlsSetup(SslContext context, X509Certificate certificate, boolean selfSigned) {

    /**
     * @param certificate PEM certificate chain
     * @param key         PEM private key: PKCS#8, PKCS#1 (RSA) or SEC1 (EC), unencrypted
     */
    public static TlsSetup fromPem(Path certificate, Path key) throws GeneralSecurityException {
        for (Path file : new Path[] {certificate, key}) {
            if (!Files.isReadable(file)) {
                throw new GeneralSecurityException("cannot read " + file);
            }
        }
        try {
            List<X509Certificate> chain = PemFiles.certificates(certificate);
            SslContext context = SslContextBuilder.forServer(PemFiles.privateKey(key), chain).build();
            return new TlsSetup(context, chain.get(0), false);
        } catch (IOException | IllegalArgumentException e) {
            throw new GeneralSecurityException("cannot use " + certificate + " and " + key + ": " + e.getMessage(), e);
        }
    }

    public static TlsSetup selfSigned(String host, SecureRandom random) throws GeneralSecurityException {
        SelfSignedCertificate generated = SelfSignedCertificate.generate(host, random);
        try {
            SslContext context = SslContextBuilder.forServer(generated.key(), generated.certificate()).build();
            return new TlsSetup(context, generated.certificate(), true);
        } catch (javax.net.ssl.SSLException e) {
            throw new GeneralSecurityException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the DER certificate, as colon-separated upper-case hex (what clients pin). */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode our own certificate", e);
        }
    }
}
