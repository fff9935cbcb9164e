import PrakerjaConformance

/// What a provider says of itself that the compliance rules read (`provider.yaml`): a legal
/// entity not there yet, and content free to anyone elsewhere.
struct ProviderWords: Sendable {
    let legalEntityPending: Lexicon
    /// A placeholder or a team where a person's name should be.
    let notAPerson: Lexicon
    /// A sentence naming a public channel and openness to all, and no denial, says content is free elsewhere.
    let free: (channels: Lexicon, open: Lexicon, denials: Lexicon)

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        legalEntityPending = try file.lexicon("legalEntityPending")
        notAPerson = try file.lexicon("notAPerson")
        free = (try file.lexicon("publicChannels"), try file.lexicon("openToAll"), try file.lexicon("denials"))
    }

    /// The sentences of `text` that put content where anyone sees it free (a public channel and
    /// open to all, not denied).
    func freeElsewhere(in text: String) -> [String] {
        Wording.sentences(text).filter { sentence in
            let words = Wording.words(sentence)
            return !free.channels.found(inWords: words).isEmpty && !free.open.found(inWords: words).isEmpty
                && free.denials.found(inWords: words).isEmpty
        }
    }
}
