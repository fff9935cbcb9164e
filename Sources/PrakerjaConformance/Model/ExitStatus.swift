/// The kit's exit codes, the same for every command: what a partner's CI script branches on.
public enum ExitStatus {
    /// Every required check passed (or there was nothing to judge).
    public static let passed: Int32 = 0
    /// A required check failed: the thing checked is at fault.
    public static let failed: Int32 = 1
    /// Bad usage, or a configuration or input the kit cannot use.
    public static let usage: Int32 = 2
    /// The kit could not reach or judge the target (or write what it must): nobody's verdict.
    public static let unjudged: Int32 = 3
    /// A feed was dirty: rows that could not be used were set aside (each reported with its file
    /// and line) and the rest judged; outranks the verdict on the rows read.
    public static let dirtyFeed: Int32 = 4

    /// Two exit codes as one: a failure (1) outranks a run that could not be judged (3).
    public static func combine(_ first: Int32, _ second: Int32) -> Int32 {
        first == failed || second == failed ? failed : max(first, second)
    }
}
