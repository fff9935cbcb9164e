import ArgumentParser
import PrakerjaConformance
import PrakerjaStore

/// Where a command's runs are recorded: the results history (`--store PATH|URL`, else
/// `$PRAKERJA_STORE`, else `.prakerja/history.sqlite`), unless `--no-store`.
struct StoreOptions: ParsableArguments {
    @Option(
        help: """
            The results history: an SQLite file, or postgres://USER@HOST:PORT/DATABASE shared by a team (the password from             $PGPASSWORD or ?password=file:PATH) (default: $PRAKERJA_STORE, else .prakerja/history.sqlite).
            """)
    var store: String?

    @Flag(help: "Do not record the run in the results history.")
    var noStore = false

    /// The history's path or URL as given or by default.
    var location: String { store ?? ResultsStore.defaultLocation }

    /// The history, opened; nil with `--no-store`. A history that cannot be reached (no server,
    /// a refused sign-in) fails the command as unjudged (exit 3); one that is refused (another
    /// program's, damaged, newer) is a usage error; both in one line naming it.
    func open() async throws(CommandFailure) -> ResultsStore? {
        if noStore {
            guard store == nil else { throw .usage("give --store or --no-store, not both") }
            return nil
        }
        do { return try await ResultsStore.open(location) } catch {
            throw error.unreachable ? .unjudged(error.description) : .usage(error.description)
        }
    }

    /// For `--resume`: the latest run of `kind` and `subject` left running in `store`.
    static func unfinished(_ store: ResultsStore?, _ kind: RunResult.Kind, subject: String) async throws(CommandFailure) -> StoredRun {
        guard let store else { throw .usage("--resume continues a run recorded in the results history: it cannot go with --no-store") }
        let found: StoredRun?
        do { found = try await store.unfinished(kind, subject: subject) } catch { throw CommandFailure.unjudged(error.description) }
        guard let found else { throw .usage("--resume: \(store.location) holds no unfinished \(kind.rawValue) run of \(subject)") }
        return found
    }
}

/// One run's record in the results history, from its start (or resumption) to its finish.
struct RunRecord: Sendable {
    let store: ResultsStore
    /// The journal results go to as they finish; nil for a run recorded whole when it is done.
    let recording: RecordingJournal?

    var journal: RunJournal? { recording?.journal }

    /// Records a run's start, or continues `resuming` (`takingOver` from a recorder a sweep's
    /// lease says is gone); nil without a history.
    static func begin(
        _ store: ResultsStore?, _ header: RunResult, resuming: StoredRun? = nil, takingOver: Bool = false
    ) async throws(CommandFailure) -> RunRecord? {
        guard let store else { return nil }
        if let resuming {
            do { return RunRecord(store: store, recording: try await store.resume(resuming, takingOver: takingOver)) } catch {
                throw .usage("--resume: \(error.description)")
            }
        }
        do { return RunRecord(store: store, recording: try await store.begin(header)) } catch {
            throw CommandFailure.unjudged(error.description)
        }
    }

    /// A run recorded whole when it is done (an assessment); nil without a history.
    static func whole(_ store: ResultsStore?) -> RunRecord? { store.map { RunRecord(store: $0, recording: nil) } }

    /// Records the finished run; says where, or why it could not (false).
    func finish(_ run: RunResult, waivers: Waivers?, io: CommandIO) async -> Bool {
        do {
            if recording != nil { try await store.finish(run, waivers: waivers) } else { try await store.save(run, waivers: waivers) }
            io.print("recorded: run \(run.runID) in \(store.location)")
            if let failure = recording?.failure {
                io.printError(
                    "warning: results could not be recorded as they came (\(failure.reason)); all are recorded now, but a killed run could not have been resumed"
                )
            }
            return true
        } catch {
            io.printError("the run could not be recorded: \(error.description)")
            return false
        }
    }
}
