public import Foundation
public import StarMatchCore

/// Writes `SyntheticData` to one CSV file per kind in a folder, with large buffered writes.
public enum GeneratedFiles {
    /// Rows written per kind.
    public typealias Counts = [String: Int]

    /// Writes the taxonomy and every generated row under `directory` (created if needed).
    public static func write(
        _ data: SyntheticData, taxonomy: Taxonomy, to directory: URL,
        progress: ((Int) -> Void)? = nil
    ) throws -> Counts {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(FileProblem.cannotWrite(directory.path + "/", error).replacingOccurrences(of: "cannot write", with: "cannot create"))
        }
        var writers: [ImportKind: BufferedFile] = [:]
        for kind in ImportKind.allCases {
            let file = try BufferedFile(directory.appendingPathComponent(kind.seedFileName + ".csv"))
            file.append(CSVWriter.line(kind.columns.map(\.name)))
            writers[kind] = file
        }
        for path in taxonomy.paths.sorted() {
            writers[.categories]!.append(CSVWriter.line([path.rawValue, taxonomy.names[path] ?? path.rawValue]))
        }
        var counts: Counts = [ImportKind.categories.rawValue: taxonomy.paths.count]
        var creators = 0
        try data.generate { kind, fields in
            let file = writers[kind]!
            file.append(CSVWriter.line(fields))
            counts[kind.rawValue, default: 0] += 1
            if kind == .creators {
                creators += 1
                if creators & 0x3FFF == 0 { progress?(creators) }
            }
            if file.pending > 1 << 20 { try file.flush() }
        }
        for file in writers.values { try file.close() }
        return counts
    }
}

/// An append-only file with an in-memory buffer.
final class BufferedFile {
    let url: URL
    let handle: FileHandle
    private var buffer: [UInt8] = []

    init(_ url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw StoreError("cannot create \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 21)
    }

    var pending: Int { buffer.count }

    func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw StoreError(FileProblem.cannotWrite(url.path, error))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
