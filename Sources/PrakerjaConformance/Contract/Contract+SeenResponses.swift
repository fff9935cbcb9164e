extension Contract {
    /// What the run's other checks were answered that does not match this contract: each answer
    /// to one of its operations, with a status the operation declares, against that status's
    /// schema. A status the contract does not declare is left to the tour's judgement (the other
    /// checks provoke some on purpose: an oversized body, a method the route lacks). An answer
    /// that does not match joins the running check's evidence, and its finding names the check
    /// that got it; a finding repeated on many answers (every page, say) is kept once.
    func problemsWithAnswersSeen(in context: CheckContext) -> [Finding] {
        var findings: [Finding] = [], said = Set<String>()
        for (check, seen) in context.seen.all {
            guard seen.request.url.hasPrefix(context.config.baseURL),
                let operation = operation(method: seen.request.method, path: String(seen.request.url.dropFirst(context.config.baseURL.count))),
                operation.response(for: seen.response.status) != nil
            else { continue }
            let problems = problems(with: seen.response, of: operation)
            let new = problems.filter { said.insert($0.message + "|" + ($0.location ?? "")).inserted }
            guard !new.isEmpty else { continue }
            let exchange = context.nextExchange
            ExchangeLog.current?.append(seen.exchange)
            findings += new.map { problem in
                var finding = problem
                finding.location = "\(problem.location ?? operation.id), answered to \(check)"
                finding.exchange = exchange
                return finding
            }
        }
        return findings
    }
}
