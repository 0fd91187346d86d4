import Foundation

/// The app's bearer token from the client-credentials grant ("Microsoft identity platform and the OAuth 2.0
/// client credentials flow"): POST {login}/{tenant}/oauth2/v2.0/token with the client id, the scope
/// {graph}/.default and the secret or a signed assertion. Kept until a minute before `expires_in` runs out,
/// and asked for again when Graph says it expired (401 InvalidAuthenticationToken).
final class GraphTokenSource {
    private let options: GraphPullOptions
    private let credential: GraphCredential
    private let transport: HTTPTransport
    private var token: String?
    private var expires = Date.distantPast
    /// A token is renewed this long before it runs out (a minute, or a tenth of a short lifetime).
    private var margin = 60.0
    private(set) var requests = 0

    init(options: GraphPullOptions, credential: GraphCredential, transport: HTTPTransport) {
        self.options = options
        self.credential = credential
        self.transport = transport
    }

    func invalidate() { token = nil }

    func bearer() throws(GraphPullError) -> String {
        if let token, Date() < expires.addingTimeInterval(-margin) { return token }
        return try fetch()
    }

    private func fetch() throws(GraphPullError) -> String {
        requests += 1
        var fields: [(String, String)] = [("client_id", options.clientId), ("scope", options.scope),
                                          ("grant_type", "client_credentials")]
        fields += try credential.formFields(tokenURL: options.tokenURL, clientId: options.clientId, now: Date())
        let body = fields.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        let reply: HTTPReply
        do {
            reply = try transport.send("POST", options.tokenURL, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                       body: Data(body.utf8))
        } catch is GraphStopRequested {
            throw .interrupted(page: 0)
        } catch {
            throw .network("token request to \(options.tokenURL): \(describeTransport(error))", page: 0)
        }
        let json = (try? JSONSerialization.jsonObject(with: reply.body)) as? [String: Any]
        guard reply.status == 200 else {
            let code = json?["error"] as? String ?? "HTTP \(reply.status)"
            // AAD's description runs on with "\r\nTrace ID: ..."; the first line carries the AADSTS code.
            let description = (json?["error_description"] as? String).map { firstLine($0) } ?? "no error description"
            throw .token(status: reply.status, code: code, message: description)
        }
        guard let access = json?["access_token"] as? String, !access.isEmpty else {
            throw .token(status: reply.status, code: "invalid_response", message: "the token endpoint's answer has no access_token")
        }
        let lifetime = (json?["expires_in"] as? NSNumber)?.doubleValue ?? Double(json?["expires_in"] as? String ?? "") ?? 3599
        token = access
        expires = Date().addingTimeInterval(lifetime)
        margin = min(60, lifetime / 10)
        return access
    }
}

func firstLine(_ s: String) -> String {
    String(s.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).first ?? "")
}

/// application/x-www-form-urlencoded: everything but unreserved characters percent-encoded.
func formEncode(_ s: String) -> String {
    let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}
