import PrakerjaPartners
import PrakerjaSigning

/// What every role adapter that verifies the program's header scheme needs: whom to accept, how
/// fresh a timestamp must be, the clock, and the body limit.
public struct RoleAdapterConfiguration: Sendable {
    /// The program's credentials (usually one; more during a key rotation).
    public var clients: [ProgramClientCredentials]
    public var window: TimestampWindow
    public var clock: SigningClock
    /// Larger bodies are refused with `body_too_large` before they are read in full.
    public var maximumBodyBytes: Int
    /// How many accepted signatures the replay guard holds (size it for the window times the peak rate).
    public var replayCapacity: Int

    public init(
        clients: [ProgramClientCredentials], window: TimestampWindow = .standard, clock: SigningClock = .system,
        maximumBodyBytes: Int = 1 << 20, replayCapacity: Int = 1_000_000
    ) {
        self.clients = clients
        self.window = window
        self.clock = clock
        self.maximumBodyBytes = maximumBodyBytes
        self.replayCapacity = replayCapacity
    }
}
