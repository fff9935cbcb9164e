import ArgumentParser
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaKitFiles

/// The options `assess` and `monitor` share: the rule pack, the report formats, the kit's folder.
struct IndicatorOptions: ParsableArguments {
    @Option(help: "The rule pack: a name in Conformance/rulepacks/ (2021, 2023-normal) or a file.")
    var rulePack = RulePack.defaultID

    @Option(help: "Report formats, comma-separated: console, json, junit, html.")
    var format = "console,json,junit,html"

    @Option(help: "The kit's folder (with Specs/ and Conformance/); by default the files built into prakerja.")
    var root = KitFiles.defaultRoot

    @Option(help: "A waiver file (YAML): live waivers turn their indicator's failure into a warning.")
    var waivers: String?

    /// The catalogue of `kind`, the rule pack, checked to run together (every implemented
    /// indicator present, every threshold defined), and the reference data the rules read; a usage
    /// error otherwise, before anything is read from a partner or written.
    func load(
        _ kind: IndicatorCatalogue.Kind
    ) throws(CommandFailure) -> (
        catalogue: IndicatorCatalogue, rules: RulePack, reference: ReferenceData
    ) {
        do {
            let catalogue = try IndicatorCatalogue.standard(kind, root: root)
            let rules = try RulePack.named(rulePack, root: root)
            switch kind {
            case .assessment: try Assessment.check(catalogue, rules)
            case .monitoring: try Monitoring.check(catalogue, rules)
            }
            return (catalogue, rules, try ReferenceData.standard(root: root))
        } catch {
            throw .usage("\(error)")
        }
    }
}
