import Foundation
import PrakerjaModels

/// A value in a partner config and where it is, for reading with errors that name the key.
struct ConfigNode {
    let value: JSONValue?
    let key: String
    let file: String

    func child(_ name: String) -> ConfigNode {
        ConfigNode(value: value?[name], key: key + "/" + name, file: file)
    }

    func error(_ reason: String) -> ConfigError { ConfigError(file: file, key: key, reason: reason) }

    var isPresent: Bool { if case nil = value { false } else if case .null? = value { false } else { true } }

    func string() throws(ConfigError) -> String {
        guard let text = optionalString() else { throw error(isPresent ? "expected text" : "missing") }
        return text
    }

    func optionalString() -> String? {
        switch value {
        case .string(let text)?: text
        case .number(let text)?: text
        default: nil
        }
    }

    func number(default fallback: Double, range: ClosedRange<Double>) throws(ConfigError) -> Double {
        guard isPresent else { return fallback }
        guard case .number(let text)? = value, let number = Double(text) else { throw error("expected a number") }
        guard range.contains(number) else { throw error("must be between \(range.lowerBound.formatted()) and \(range.upperBound.formatted())") }
        return number
    }

    /// Refuses keys the config format does not have: a typo must not silently change a run.
    func onlyKeys(_ allowed: Set<String>) throws(ConfigError) {
        guard isPresent else { return }
        guard case .object(let members)? = value else { throw error("expected a mapping") }
        if let unknown = members.map(\.key).first(where: { !allowed.contains($0) }) {
            throw child(unknown).error("unknown key (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// A secret: `{ env: NAME }` or `{ file: PATH }` (relative to the config), never the value itself.
    func secret(environment: [String: String], directory: URL) throws(ConfigError) -> String {
        guard isPresent else { throw error("missing") }
        guard case .object = value else {
            throw error("write { env: NAME } or { file: PATH }: secrets are not kept in the config itself")
        }
        try onlyKeys(["env", "file"])
        if let name = child("env").optionalString() {
            guard let secret = environment[name], !secret.isEmpty else { throw error("the environment variable \(name) is not set") }
            return secret
        }
        if let path = child("file").optionalString() {
            let url = URL(fileURLWithPath: path, relativeTo: directory)
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                throw error("cannot read the file \(url.path)")
            }
            let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !secret.isEmpty else { throw error("the file \(url.path) is empty") }
            return secret.contains("-----BEGIN") ? text : secret
        }
        throw error("write { env: NAME } or { file: PATH }")
    }
}
