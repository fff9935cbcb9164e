import Foundation
import PrakerjaModels

extension SchemaRegistry {
    /// Adds the schema file at `path` and, transitively, every local file its `$ref`s name by a
    /// relative path (`training-provider.openapi.yaml#/components/schemas/CourseDetail`), each
    /// under its `file:` URI; an OpenAPI document's `/components/schemas` are indexed as schemas.
    /// Nothing is fetched: a reference to another host stays unresolved. Returns the URI of `path`.
    @discardableResult
    public mutating func addFile(_ path: String) throws(SchemaDocument.LoadError) -> String {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        var pending = [root], added: Set<URL> = []
        while let file = pending.popLast() {
            guard added.insert(file).inserted else { continue }
            let document = try SchemaDocument.load(file.path)
            let isOpenAPI = document["openapi"] != nil
            add(document, uri: file.absoluteString, schemaRoots: isOpenAPI ? [JSONPointer(tokens: ["components", "schemas"])] : [JSONPointer()])
            for reference in Self.references(in: document) {
                let target = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                guard !target.isEmpty, !target.contains(":") else { continue }  // same document, or another host
                let referenced = URL(fileURLWithPath: target, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
                if FileManager.default.fileExists(atPath: referenced.path) { pending.append(referenced) }
            }
        }
        return root.absoluteString
    }

    /// Every `$ref` value in `value`, at any depth.
    static func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let members):
            members.flatMap { member -> [String] in
                if member.key == "$ref", case .string(let reference) = member.value { return [reference] }
                return references(in: member.value)
            }
        case .array(let items): items.flatMap(references(in:))
        default: []
        }
    }
}
