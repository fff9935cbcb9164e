import PrakerjaClient

/// A refusal: the program's error code and a message naming what was wrong.
public struct SandboxFailure: Error, Sendable, CustomStringConvertible {
    public let code: ProgramErrorCode
    public let message: String

    init(_ code: ProgramErrorCode, _ message: String? = nil) {
        self.code = code
        self.message = message ?? code.meaning
    }

    public var description: String { "\(code.code): \(message)" }
}
