import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaReferencePartners
import PrakerjaSchema
import PrakerjaTestSupport

/// Runs the kit against the in-process reference partners, with the sample configs of
/// `Conformance/configs/` pointed at their real ports.
enum ReferencePartners {
    static func config(_ name: String, baseURL: String) throws -> PartnerConfig {
        var config = try PartnerConfig.load(Repository.root.appending(path: "Conformance/configs/\(name).yaml").path)
        config.baseURL = baseURL
        return config
    }

    /// Runs `partner`'s suites with `defects` on.
    static func run(_ partner: String, defects: ReferenceFleet.Defects = .init(), selection: Selection = Selection()) async throws -> RunResult {
        try await ReferenceFleet.withRunning(defects: defects, only: [partner]) { endpoints in
            let config = try endpoints.config(partner, configs: Repository.root.appending(path: "Conformance/configs").path)
            return try await ConformanceRun.run(config, selection: selection)
        }
    }

    /// `Conformance/expected/<partner>.yaml`: the failures each defect must cause.
    struct Expected {
        let partner: String
        let defects: [String: Set<String>]

        static func load(_ partner: String) throws -> Expected {
            let document = try SchemaDocument.load(Repository.root.appending(path: "Conformance/expected/\(partner).yaml").path)
            var defects: [String: Set<String>] = [:]
            if case .object(let members)? = document["defects"] {
                for (name, list) in members {
                    guard case .array(let ids) = list else { continue }
                    defects[name] = Set(ids.compactMap { if case .string(let id) = $0 { id } else { nil } })
                }
            }
            return Expected(partner: partner, defects: defects)
        }
    }
}
