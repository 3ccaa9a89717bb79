package framebudgets.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for TLS and mTLS tests, generated on the fly and written as PEM files: a CA, a
 * server certificate for {@code 127.0.0.1}/{@code localhost}, a client certificate signed by the
 * same CA, and a client certificate signed by another CA (for rejection tests). Keys are PKCS#8.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path caCertificate;
    private final Path serverCertificate;
    private final Path serverKey;
    private final Path clientCertificate;
    private final Path clientKey;
    private final Path untrustedClientCertificate;
    private final Path untrustedClientKey;

    private TestCertificates(Path directory) {
        caCertificate = directory.resolve("ca.pem");
        serverCertificate = directory.resolve("server.pem");
        serverKey = directory.resolve("server.key");
        clientCertificate = directory.resolve("client.pem");
        clientKey = directory.resolve("client.key");
        untrustedClientCertificate = directory.resolve("untrusted-client.pem");
        untrustedClientKey = directory.resolve("untrusted-client.key");
    }

    /** Generates everything into {@code directory} (usually a JUnit {@code @TempDir}). */
    public static TestCertificates writeTo(Path directory) {
        TestCertificates files = new TestCertificates(directory);
        try {
            KeyPair ca = keyPair();
            X509Certificate caCert = sign(ca, "CN=frame-budgets test CA", ca, "CN=frame-budgets test CA",
                    Role.CA);
            KeyPair server = keyPair();
            X509Certificate serverCert = sign(server, "CN=localhost", ca, "CN=frame-budgets test CA", Role.SERVER);
            KeyPair client = keyPair();
            X509Certificate clientCert = sign(client, "CN=frame-budgets test client", ca,
                    "CN=frame-budgets test CA", Role.CLIENT);
            KeyPair otherCa = keyPair();
            KeyPair stranger = keyPair();
            X509Certificate strangerCert = sign(stranger, "CN=stranger", otherCa, "CN=some other CA", Role.CLIENT);

            writePem(files.caCertificate, caCert);
            writePem(files.serverCertificate, serverCert, caCert);
            writeKey(files.serverKey, server.getPrivate());
            writePem(files.clientCertificate, clientCert, caCert);
            writeKey(files.clientKey, client.getPrivate());
            writePem(files.untrustedClientCertificate, strangerCert);
            writeKey(files.untrustedClientKey, stranger.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate test certificates in " + directory, e);
        }
        return files;
    }

    /** The CA that signed the server and the trusted client certificate (PEM). */
    public Path caCertificate() {
        return caCertificate;
    }

    /** Server certificate chain (server, then CA) valid for 127.0.0.1 and localhost. */
    public Path serverCertificate() {
        return serverCertificate;
    }

    public Path serverKey() {
        return serverKey;
    }

    /** Client certificate chain signed by {@link #caCertificate()}. */
    public Path clientCertificate() {
        return clientCertificate;
    }

    public Path clientKey() {
        return clientKey;
    }

    /** A client certificate signed by a CA the server does not trust. */
    public Path untrustedClientCertificate() {
        return untrustedClientCertificate;
    }

    public Path untrustedClientKey() {
        return untrustedClientKey;
    }

    private enum Role { CA, SERVER, CLIENT }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(KeyPair subject, String subjectName, KeyPair issuer, String issuerName,
            Role role) throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuerName),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name(subjectName), subject.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(role == Role.CA));
        switch (role) {
            case CA -> builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            case SERVER -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            case CLIENT -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static void writePem(Path file, X509Certificate... chain) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : chain) {
                pem.writeObject(certificate);
            }
        }
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
    }
}
