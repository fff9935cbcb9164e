import Foundation
import PrakerjaSchema

/// The kit's data files (YAML or JSON: catalogues, waivers, review worksheets) read into types,
/// with the reason in one line when one cannot be.
package enum DataFile {
    /// Why a file could not be read as the type: what is wrong, and where.
    package struct Problem: Error {
        package let reason: String
    }

    /// Reads `path` as `T`. With `key`, the file must be a mapping of that one key, whose value is
    /// read (`waivers: [...]`).
    package static func decode<T: Decodable>(_ type: T.Type, from path: String, key: String? = nil) throws(Problem) -> T {
        do {
            var document = try SchemaDocument.load(path)
            if let key {
                guard case .object(let members) = document, members.count == 1, let value = members.first(where: { $0.key == key })?.value else {
                    throw Problem(reason: "expected one key, \(key): a list")
                }
                document = value
            }
            return try JSONDecoder().decode(T.self, from: Data(document.serialized.utf8))
        } catch let problem as Problem {
            throw problem
        } catch let error as SchemaDocument.LoadError {
            throw Problem(reason: error.reason)
        } catch {
            throw Problem(reason: DecodingProblem.describe(error))
        }
    }
}

/// A decoding error as one line: what was wrong, and where (a dotted path).
package enum DecodingProblem {
    package static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty
                ? "the top level"
                : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                    .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
