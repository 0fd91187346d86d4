import CLua
import CoexistKit

/// The render settings a Lua state prints result sets with: the shell copies `.mode`, `.headers`,
/// `.nullvalue` and `.maxrows` here, so `tostring(rs)`, `print(rs)` and the REPL agree. A `__tostring`
/// metamethod gets only the state, so the registry holds a pointer to this box, which the engine owns
/// (and so outlives every call that reads it).
final class RenderSettings {
    static let registryKey = "coexist.render"
    var options = RenderOptions(mode: .table, maxRows: 40)
    /// `.maxwidth auto`: tables printed to a terminal fit its width.
    var autoWidth = true

    func install(_ L: OpaquePointer) {
        lua_pushlightuserdata(L, Unmanaged.passUnretained(self).toOpaque())
        lua_setfield(L, shim_registryindex(), Self.registryKey)
    }

    /// The state's settings, without colour: tostring's text may go anywhere, not only to a terminal.
    static func current(_ L: OpaquePointer) -> RenderOptions {
        lua_getfield(L, shim_registryindex(), registryKey)
        defer { shim_pop(L, 1) }
        guard let pointer = lua_touserdata(L, -1) else { return RenderOptions(mode: .table, maxRows: 40) }
        let settings = Unmanaged<RenderSettings>.fromOpaque(pointer).takeUnretainedValue()
        // print(rs) and io.write(tostring(rs)) go to the current output, so the text is fitted to it.
        var options = settings.options.fitted(to: OutputStream.current(L), autoWidth: settings.autoWidth)
        options.color = false
        return options
    }
}

extension LuaEngine {
    /// How `tostring` renders result sets in this state (the shell keeps it equal to its own settings).
    public var renderOptions: RenderOptions {
        get { renderSettings.options }
        set { renderSettings.options = newValue }
    }

    /// Whether tables printed by Lua to a terminal fit its width (`.maxwidth auto`).
    public var renderAutoWidth: Bool {
        get { renderSettings.autoWidth }
        set { renderSettings.autoWidth = newValue }
    }
}
