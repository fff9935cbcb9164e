import Foundation
import PackagePlugin

/// Embeds the kit's files (every file under `Specs/`, `Conformance/` and `Console/`) in the target that uses
/// it, as generated Swift source, so a `prakerja` binary carries the contracts, requirement
/// tables, catalogues, rule packs, sample configs, fixture proposals and the console's templates,
/// texts and stylesheet it runs with, and works
/// from any directory (`KitFiles`). Rebuilt whenever one of the files changes.
@main
struct EmbedKitFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var files: [String] = []
        for folder in ["Specs", "Conformance", "Console"] {
            let base = root.appending(path: folder)
            guard let walk = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(folder + "/" + url.path.dropFirst(base.path.count + 1))
            }
        }
        files.sort()
        let output = context.pluginWorkDirectoryURL.appending(path: "KitFilesArchive.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) kit files in \(target.name)",
                executable: try context.tool(named: "embed-kit-files").url,
                arguments: [root.path, output.path] + files,
                inputFiles: files.map { root.appending(path: $0) },
                outputFiles: [output])
        ]
    }
}
