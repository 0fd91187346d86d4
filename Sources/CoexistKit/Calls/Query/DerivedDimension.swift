/// A label derived from a stream's first or second user, such as the user's upgrade cohort,
/// department or city, registered on a store so that queries can group and filter by it.
///
/// The store has no user table (users come from other files, and the shell's tenant model owns
/// them), so the caller supplies the mapping. It is applied once per distinct user, at registration,
/// into a table indexed by user dictionary code: a group-by over 10M streams is then one table
/// lookup per row, exactly like building (which is derived from the subnet code the same way).
/// Users added after registration are labelled when a query first needs them.
public struct DerivedDimension: Sendable {
    public enum Source: String, Sendable, CaseIterable {
        case firstUser = "first_user", secondUser = "second_user"
    }

    public let name: String
    public let source: Source
    /// nil (or "") means the user has no label: the stream is missing in this dimension.
    let label: @Sendable (String) -> String?
    /// Per user code: code in `labels`; 0 = no label.
    private(set) var codes: [UInt32] = []
    public private(set) var labels = StringDictionary()

    init(name: String, source: Source, label: @escaping @Sendable (String) -> String?) {
        self.name = name
        self.source = source
        self.label = label
    }

    /// A dimension whose table is already made (one entry per user code of the store); `label` labels
    /// users added later.
    init(name: String, source: Source, codes: [UInt32], labels: StringDictionary,
         label: @escaping @Sendable (String) -> String?) {
        self.init(name: name, source: source, label: label)
        self.codes = codes
        self.labels = labels
    }

    /// Labels users `codes.count..<users.count`.
    mutating func extend(_ users: StringDictionary) {
        if codes.count >= users.count { return }
        codes.reserveCapacity(users.count)
        while codes.count < users.count {
            let c = UInt32(codes.count)
            codes.append(c == 0 ? 0 : labels.intern(label(users[c]) ?? ""))
        }
    }

    /// The table and labels for every user of `users`, without changing the registration (queries run
    /// on immutable stores).
    func completed(_ users: StringDictionary) -> DerivedDimension {
        var d = self
        d.extend(users)
        return d
    }

    func labelCode(ofUser code: UInt32) -> UInt32 { Int(code) < codes.count ? codes[Int(code)] : 0 }
}

/// Why a derived dimension could not be registered.
public struct DerivedDimensionError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public var description: String { message }
}

extension CallStore {
    /// Registers (or replaces) a derived dimension; `label` maps a user (UPN, or the display name or id
    /// a Graph record gave) to a label, nil when it has none. The name must not shadow a stream field
    /// ("city" is the building's: call the user's "user_city").
    public mutating func registerDerivedDimension(name: String, from source: DerivedDimension.Source,
                                                  label: @escaping @Sendable (String) -> String?) throws {
        if CallField(rawValue: name) != nil || CallField.aliases[name] != nil || TimeBucket(rawValue: name) != nil {
            throw DerivedDimensionError(message: "'\(name)' is already a stream field; register it as 'user_\(name)' or another name")
        }
        guard !name.isEmpty else { throw DerivedDimensionError(message: "a derived dimension needs a name") }
        var d = DerivedDimension(name: name, source: source, label: label)
        d.extend(users)
        derivedDimensions[name] = d
    }

    /// The same from a table, user to label, matched case-insensitively (UPNs are).
    public mutating func registerDerivedDimension(name: String, from source: DerivedDimension.Source,
                                                  mapping: [String: String]) throws {
        var lower: [String: String] = [:]
        for (k, v) in mapping { lower[k.lowercased()] = v }
        try registerDerivedDimension(name: name, from: source) { [lower] user in lower[user.lowercased()] }
    }

    public mutating func removeDerivedDimension(name: String) {
        derivedDimensions[name] = nil
    }

    /// A derived dimension's value for one stream (`.null` when its user has no label); nil when no
    /// dimension has that name.
    public func value(derived name: String, at i: Int) -> ResultValue? {
        guard let d = derivedDimensions[name] else { return nil }
        let user = d.source == .firstUser ? firstUser[i] : secondUser[i]
        if user == 0 { return .null }
        if Int(user) >= d.codes.count {
            // A user added since registration: label it directly rather than copy the table per row.
            let l = d.label(users[user]) ?? ""
            return l.isEmpty ? .null : .string(l)
        }
        let code = d.labelCode(ofUser: user)
        return code == 0 ? .null : .string(d.labels[code])
    }

    /// Labels the users that arrived since registration, so later queries need not.
    mutating func extendDerivedDimensions() {
        for name in derivedDimensions.keys { derivedDimensions[name]!.extend(users) }
    }
}
