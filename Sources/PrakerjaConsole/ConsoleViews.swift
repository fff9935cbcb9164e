import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import PrakerjaKitFiles

/// The console's pages: the swift-mustache templates under `Console/templates/` (shipped in the
/// binary), rendered with the page's values and the layout's (language, texts, who is signed
/// in, the form token). Every `{{value}}` is HTML-escaped; `{{{value}}}` is used only for markup
/// the console makes itself (the counts bars).
struct ConsoleViews: Sendable {
    let library: MustacheLibrary
    let texts: ConsoleTexts
    /// `Console/static/console.css`, read once.
    let stylesheet: ByteBuffer

    static func load() throws -> ConsoleViews {
        var library = MustacheLibrary()
        for path in KitFiles.paths where path.hasPrefix("Console/templates/") && path.hasSuffix(".mustache") {
            guard let data = KitFiles.contents(of: path) else { continue }
            let name = String(path.dropFirst("Console/templates/".count).dropLast(".mustache".count))
            do { try library.register(String(decoding: data, as: UTF8.self), named: name) } catch {
                throw ConsoleError("the console's template \(path) does not parse: \(error)")
            }
        }
        guard let css = KitFiles.contents(of: "Console/static/console.css") else {
            throw ConsoleError("the console's stylesheet Console/static/console.css is not in this build")
        }
        return ConsoleViews(library: library, texts: try .load(), stylesheet: ByteBuffer(bytes: css))
    }

    /// The page `template` as an HTML answer with `status`.
    func page(_ template: String, title: String, _ values: [String: Any], context: ConsoleContext, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: render(template, title: title, values, context: context))))
    }

    /// The page `template` with `values`, for the request's language and person.
    func render(_ template: String, title: String, _ values: [String: Any], context: ConsoleContext) -> String {
        let language = context.language
        var all = values
        all["lang"] = language.rawValue
        all["otherLang"] = language.other.rawValue
        all["t"] = texts.catalogue(language)
        all["title"] = title
        if let session = context.session {
            var person: [String: Any] = [
                "name": session.person.name, "roleLabel": texts.text("role.\(session.person.role.rawValue)", language),
                "isAdmin": session.person.role == .admin, "reviews": ConsoleApplication.reviewers.contains(session.person.role),
                "isPartner": session.person.role == .partner,
            ]
            person["affiliation"] = session.person.institution ?? session.person.partner
            all["person"] = person
            all["csrf"] = session.formToken
        }
        return library.render(all, withTemplate: template) ?? "template \(template) is missing"
    }
}
