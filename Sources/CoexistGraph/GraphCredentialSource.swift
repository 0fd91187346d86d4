import CoexistKit
import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where the app's credential comes from. The secret itself is read only when the pull starts, and only
/// from the environment or from a file no one else can read: never from an option's value, so it is never
/// in a script, the shell history or the change log.
public enum GraphCredentialSource: Sendable, Equatable {
    /// A client secret in this environment variable.
    case secretEnvironment(String)
    /// A client secret in this file (its first line).
    case secretFile(String)
    /// A certificate credential: the certificate (PEM) uploaded to the app registration and its private key
    /// (PEM, PKCS#1 or PKCS#8), which signs the client assertion ("Microsoft identity platform application
    /// authentication certificate credentials").
    case certificate(certFile: String, keyFile: String)

    /// The credential, read. Files with secrets must not be readable or writable by group or others.
    func load() throws(GraphPullError) -> GraphCredential {
        switch self {
        case .secretEnvironment(let name):
            // A value that is no variable's name may be the secret itself, given by mistake: it is not repeated.
            guard Self.isVariableName(name) else {
                throw .usage("secret_env is not an environment variable's name (letters, digits and _, not starting with a digit); give the name of the variable that holds the secret, never the secret itself")
            }
            guard let v = getenv(name) else {
                throw .usage("secret_env: the environment variable \(name) is not set")
            }
            let secret = String(cString: v)
            guard !secret.isEmpty else { throw .usage("secret_env: the environment variable \(name) is empty") }
            return .secret(secret)
        case .secretFile(let path):
            let text = try Self.readPrivate(path, option: "secret_file")
            let secret = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
            guard !secret.isEmpty else { throw .usage("secret_file \(path): the file is empty") }
            return .secret(secret)
        case let .certificate(certFile, keyFile):
            let keyPEM = try Self.readPrivate(keyFile, option: "key_file")
            guard case .success(let bytes) = RegularFile.bytes(certFile), bytes.count <= 1 << 20,
                  let certText = String(validating: bytes, as: UTF8.self) else {
                throw .usage("cert_file \(certFile): cannot be read")
            }
            return try GraphCredential.certificate(certificatePEM: certText, certFile: certFile, keyPEM: keyPEM, keyFile: keyFile)
        }
    }

    /// A secret's file, refused when its mode lets anyone but its owner in (as ssh refuses a private key).
    static func isVariableName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, s.unicodeScalars.count <= 255, !("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)) }
    }

    static func readPrivate(_ path: String, option: String) throws(GraphPullError) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .usage("\(option) \(path): \(String(cString: strerror(errno)))") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw .usage("\(option) \(path): not a regular file") }
        let others = st.st_mode & 0o077
        if others != 0 {
            throw .usage("\(option) \(path): the file is readable or writable by group or others (mode \(String(st.st_mode & 0o777, radix: 8))); it holds a secret: chmod 600 \(path)")
        }
        guard st.st_size <= 1 << 20, case .success(let bytes) = RegularFile.bytes(path),
              let text = String(validating: bytes, as: UTF8.self) else {
            throw .usage("\(option) \(path): cannot be read as text (at most 1 MiB)")
        }
        return text
    }
}
