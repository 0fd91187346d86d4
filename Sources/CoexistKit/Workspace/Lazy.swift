/// A value made on first use. The demo tenant is generated only when a script first touches its data, so
/// that `coexist -e 'print(1)'` pays nothing for it.
public final class Lazy<Value> {
    private var value: Value?
    private var make: (() -> Value)?

    public init(_ make: @escaping () -> Value) { self.make = make }
    public init(value: Value) { self.value = value }

    public var isLoaded: Bool { value != nil }

    public var wrapped: Value {
        get {
            if let value { return value }
            let made = make!()
            value = made
            make = nil
            return made
        }
        set {
            value = newValue
            make = nil
        }
    }
}
