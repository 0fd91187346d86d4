import CLua

/// `check_options(what, opts, {key="type", ...})`: the builtins' option checker for Lua code, so qer{},
/// review.section{} and a user's own reports refuse a misspelt option exactly as the host builtins do.
extension LuaEngine {
    static let checkOptionsDoc = """
        check_options(what, opts, {key="string"|"boolean"|"integer"|"number"|"table"|"function"|"date"|"any"|"a|b", ...}): \
        refuses an unknown key in opts (naming what, the key and the closest known one) or a value of another type; \
        returns opts, or {} for nil
        """

    func installCheckOptions() {
        register("check_options", doc: Self.checkOptionsDoc) { call in
            let what = try call.string(1)
            var keys: [String: OptionType] = [:]
            for (k, v) in try call.table(3).fields {
                guard let name = k.stringValue, let spec = v.stringValue else {
                    throw call.error(3, "each key's type is named by a string, e.g. {min_streams=\"integer\"}")
                }
                guard let type = OptionType.parse(spec) else {
                    throw call.error(3, "unknown type '\(spec)' for '\(name)'" + didYouMean(spec, OptionType.named.keys.sorted()))
                }
                keys[name] = type
            }
            if call.isNoneOrNil(2) {
                lua_createtable(call.L, 0, 0)
                return 1
            }
            guard call.isTable(2) else {
                throw LuaError("\(what): options are a table {\(keys.keys.sorted().map { $0 + "=" }.joined(separator: ", "))}, got \(call.typeName(2))")
            }
            _ = try OptionTable(try call.table(2), keys, what: what)
            lua_pushvalue(call.L, call.slot(2))
            return 1
        }
    }
}
