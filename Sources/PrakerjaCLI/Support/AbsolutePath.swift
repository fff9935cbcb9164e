import Foundation

/// `path` made absolute (a relative one is taken from the current directory) and tidied
/// (`a/./b/../c` is `a/c`): what a sweep's plan and a partner's registration record, so that a
/// worker started in another directory reads the same files.
func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}
