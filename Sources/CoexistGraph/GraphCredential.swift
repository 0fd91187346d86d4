import Crypto
import _CryptoExtras
import Foundation

/// A loaded credential: the secret, or the certificate's thumbprints and its RSA key. Never printed: its
/// description says only which kind it is.
enum GraphCredential: CustomStringConvertible {
    case secret(String)
    case certificate(sha1: [UInt8], sha256: [UInt8], key: _RSA.Signing.PrivateKey)

    var description: String {
        switch self {
        case .secret: "client secret"
        case .certificate: "certificate"
        }
    }

    static func certificate(certificatePEM: String, certFile: String, keyPEM: String, keyFile: String) throws(GraphPullError) -> GraphCredential {
        guard let der = pemBody(certificatePEM, label: "CERTIFICATE") else {
            throw .usage("cert_file \(certFile): no -----BEGIN CERTIFICATE----- block")
        }
        let key: _RSA.Signing.PrivateKey
        do { key = try _RSA.Signing.PrivateKey(pemRepresentation: keyPEM) } catch {
            throw .usage("key_file \(keyFile): not an RSA private key in PEM (PKCS#1 or PKCS#8)")
        }
        guard key.keySizeInBits >= 2048 else { throw .usage("key_file \(keyFile): the key has \(key.keySizeInBits) bits; Entra ID takes 2048 or more") }
        return .certificate(sha1: Array(Insecure.SHA1.hash(data: der)), sha256: Array(SHA256.hash(data: der)), key: key)
    }

    /// The DER bytes of the first PEM block with this label.
    static func pemBody(_ pem: String, label: String) -> Data? {
        let begin = "-----BEGIN \(label)-----", end = "-----END \(label)-----"
        guard let b = pem.range(of: begin), let e = pem.range(of: end, range: b.upperBound..<pem.endIndex) else { return nil }
        let body = pem[b.upperBound..<e.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body))
    }

    /// The form fields of the client-credentials token request that carry the credential.
    func formFields(tokenURL: String, clientId: String, now: Date) throws(GraphPullError) -> [(String, String)] {
        switch self {
        case .secret(let s):
            return [("client_secret", s)]
        case let .certificate(sha1, sha256, key):
            return [("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                    ("client_assertion", try Self.assertion(sha1: sha1, sha256: sha256, key: key, audience: tokenURL,
                                                            clientId: clientId, now: now))]
        }
    }

    /// The client assertion: a JWT signed RS256 whose header names the certificate by its SHA-256 thumbprint
    /// (`x5t#S256`, and the older SHA-1 `x5t`), for audience the token endpoint, issuer and subject the client
    /// id, valid ten minutes ("Microsoft identity platform application authentication certificate credentials").
    static func assertion(sha1: [UInt8], sha256: [UInt8], key: _RSA.Signing.PrivateKey, audience: String,
                          clientId: String, now: Date) throws(GraphPullError) -> String {
        let t = Int(now.timeIntervalSince1970)
        let header: [String: Any] = ["alg": "RS256", "typ": "JWT", "x5t": base64URL(sha1), "x5t#S256": base64URL(sha256)]
        let claims: [String: Any] = ["aud": audience, "iss": clientId, "sub": clientId, "jti": UUID().uuidString.lowercased(),
                                     "nbf": t, "iat": t, "exp": t + 600]
        func part(_ o: [String: Any]) -> String {
            base64URL(Array((try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data()))
        }
        let input = part(header) + "." + part(claims)
        do {
            let signature = try key.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
            return input + "." + base64URL(Array(signature.rawRepresentation))
        } catch {
            throw .usage("key_file: signing the client assertion failed")
        }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
