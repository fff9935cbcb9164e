import Foundation
import PrakerjaModels

extension ResultsStore {
    /// The JSON of what a history holds for every result (its definition, exchanges and
    /// findings): written and read by the kit's own codecs, several times faster than
    /// Foundation's on a sweep's 800,000 results. It is the JSON Foundation writes by default
    /// (dates as seconds since 2001), so histories written before read the same.
    static func evidenceJSON(_ value: some Encodable) throws -> Data { Data(try StreamingJSONEncoder().encode(value)) }

    /// Reads what `evidenceJSON` writes.
    static let evidenceDecoder = CompactJSONDecoder()
}
