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
}
