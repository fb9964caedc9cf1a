public import Foundation

/// Why a file cannot be written, in words a user can act on: never Foundation's "The operation could not be
/// completed" or an error domain and code.
public enum FileProblem {
    /// - Parameters:
    ///   - path: the file (or folder) that could not be written or created.
    ///   - error: what the write threw (used only when the file system gives no clearer reason).
    /// - Returns: `cannot write PATH: REASON`.
    public static func cannotWrite(_ path: String, _ error: any Error) -> String {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        let reason: String
        if manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue, !path.hasSuffix("/") {
            reason = "it is a folder"
        } else if let folder = folderProblem(path) {
            reason = folder
        } else if manager.fileExists(atPath: path), !manager.isWritableFile(atPath: path) {
            reason = "the file is not writable"
        } else if let posix = Self.posixCode(error), posix == ENOSPC {
            reason = "the disk is full"
        } else {
            reason = (error as NSError).localizedFailureReason ?? "the file system refused it"
        }
        return "cannot write \(path): \(reason)"
    }

    /// What keeps a file from being created at `path` in its folder: the folder is missing, is a file, or is not
    /// writable; `nil` when nothing does.
    public static func folderProblem(_ path: String) -> String? {
        let manager = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if !manager.fileExists(atPath: folder, isDirectory: &isFolder) { return "the folder \(folder) does not exist" }
        if !isFolder.boolValue { return "\(folder) is a file, not a folder" }
        if !manager.isWritableFile(atPath: folder) { return "the folder \(folder) is not writable" }
        return nil
    }

    static func posixCode(_ error: any Error) -> Int32? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        return (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
    }
}
