public import Foundation
public import StarMatchCore

/// Finds the project's data folders (`Seeds/`, `Scoring/`) and loads the policy file.
///
/// Lookup order: an explicit path, the `STARMATCH_HOME` environment variable, the working directory,
/// then the folders above the running executable (so `swift run` and `.build/debug/starmatch` work from
/// anywhere inside a checkout).
public struct ProjectResources: Sendable {
    public let root: URL?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, executable: String = CommandLine.arguments.first ?? "") {
        let fm = FileManager.default
        func hasData(_ url: URL) -> Bool {
            fm.fileExists(atPath: url.appendingPathComponent("Seeds").path) || fm.fileExists(atPath: url.appendingPathComponent("Scoring").path)
        }
        var candidates: [URL] = []
        if let home = environment["STARMATCH_HOME"] { candidates.append(URL(fileURLWithPath: home)) }
        candidates.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir)
            dir = dir.deletingLastPathComponent()
        }
        root = candidates.first(where: hasData)
    }

    /// The `Seeds/` folder, if found.
    public var seeds: URL? {
        guard let root else { return nil }
        let url = root.appendingPathComponent("Seeds")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The `Scoring/` folder, if found.
    public var scoring: URL? {
        guard let root else { return nil }
        let url = root.appendingPathComponent("Scoring")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The built-in default profile and every readable profile in `Scoring/`, valued with `currencies`: the
    /// scoring state keeps their sales figures (a profile that cannot be read is reported when it is used).
    public func scoringProfiles(currencies: CurrencyRates) -> [ScoringProfile] {
        var profiles = [ScoringProfile(currencyRates: currencies)]
        if let scoring, let names = try? FileManager.default.contentsOfDirectory(atPath: scoring.path) {
            for name in names.sorted() where name.hasSuffix(".json") && name != "policy.json" {
                let url = scoring.appendingPathComponent(name)
                if let data = try? Data(contentsOf: url), let profile = try? ScoringProfile.load(json: data, source: url.path, currencies: currencies) {
                    profiles.append(profile)
                }
            }
        }
        return profiles
    }

    /// Loads the policy: from `path` when given (it must exist), else `Scoring/policy.json` when found,
    /// else the built-in defaults (docs/rules.md).
    public func policy(path: String?) throws -> PolicyConfig {
        let url: URL
        if let path {
            url = URL(fileURLWithPath: path)
        } else if let scoring, FileManager.default.fileExists(atPath: scoring.appendingPathComponent("policy.json").path) {
            url = scoring.appendingPathComponent("policy.json")
        } else {
            return PolicyConfig()
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError(source: url.path, key: nil, reason: "cannot read the policy file")
        }
        return try PolicyConfig.load(json: data, source: url.path)
    }

    /// The seed files present in `directory`, in import order.
    public static func seedFiles(in directory: URL) -> [(ImportKind, URL)] {
        ImportKind.allCases.compactMap { kind in
            let url = directory.appendingPathComponent(kind.seedFileName + ".csv")
            return FileManager.default.fileExists(atPath: url.path) ? (kind, url) : nil
        }
    }
}
