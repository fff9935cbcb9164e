import Foundation

/// A command-line value that may come from elsewhere: `@path` reads a file, `-` reads standard
/// input, anything else is the value itself. Files are read byte for byte (a body is signed
/// exactly as stored); secrets read from files lose one trailing newline, which editors add.
enum InputSource {
    static func bytes(_ argument: String, option: String, io: CommandIO) throws(CommandFailure) -> Data {
        if argument == "-" { return io.readInput() }
        guard argument.hasPrefix("@") else { return Data(argument.utf8) }
        let path = String(argument.dropFirst())
        guard !path.isEmpty else { throw .usage("\(option) @: a file path must follow '@'") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .usage("\(option) \(argument): no such file")
        }
        guard !isDirectory.boolValue else { throw .usage("\(option) \(argument): is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("\(option) \(argument): the file cannot be read")
        }
        return data
    }

    /// A secret or token: the same sources, as UTF-8 text without one trailing newline.
    static func secret(_ argument: String, option: String, io: CommandIO) throws(CommandFailure) -> String {
        let data = try bytes(argument, option: option, io: io)
        guard var text = String(data: data, encoding: .utf8) else { throw .usage("\(option): is not UTF-8 text") }
        if argument.hasPrefix("@") || argument == "-" {
            if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
        }
        guard !text.isEmpty else { throw .usage("\(option): must not be empty") }
        return text
    }
}
