help(calls) help("where") return tostring(tenant)
