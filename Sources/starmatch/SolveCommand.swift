import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore

extension StarMatch {
    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "solve", 
            abstract: "Solve a raw weekly-batch instance exactly (maximum-weight b-matching, M-WEEKLY).",
            discussion: """
                Instance: {"creators":[{"id":"c1","capacity":2}],"campaigns":[{"id":"k1","slots":5}],\
                "edges":[{"creator":"c1","campaign":"k1","score":0.8312}]}. Solution: {"objective":…,"assignments":[…]}. \
                A malformed instance exits 2 naming each bad value by JSON pointer.
                """)

        @Argument(help: "The instance file (JSON), or - for standard input.") var instance: String
        @Option(help: "Write the solution here instead of standard output.") var output: String?
        @Flag(help: "Print solve timings on standard error.") var timings = false

        func run() throws {
            try guarded {
                let clock = ContinuousClock()
                let start = clock.now
                let data: Data
                do {
                    data = instance == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: instance))
                } catch {
                    throw CLIError("\(instance): cannot read the file")
                }
                let parsed: MatchingInstance
                do {
                    parsed = try JSONDecoder().decode(MatchingInstance.self, from: data)
                } catch let DecodingError.keyNotFound(key, context) {
                    throw CLIError("\(instance): \(pointer(context.codingPath + [key])): missing", code: 2)
                } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
                    throw CLIError("\(instance): \(pointer(context.codingPath)): wrong type (\(context.debugDescription))", code: 2)
                } catch {
                    throw CLIError("\(instance): not a valid instance: the file is not valid JSON", code: 2)
                }
                let parsedAt = clock.now
                let problem: BMatchingProblem
                do {
                    problem = try parsed.problem()
                } catch let invalid as MatchingInstance.Invalid {
                    throw CLIError("\(instance): invalid instance:\n" + invalid.problems.map { "  " + $0 }.joined(separator: "\n"), code: 2)
                }
                let solveStart = clock.now
                let solved = BMatchingSolver.solve(problem)
                let solveEnd = clock.now
                let result = parsed.solution(problem, solved)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let bytes = try encoder.encode(result)
                if let output {
                    do { try bytes.write(to: URL(fileURLWithPath: output), options: .atomic) } catch { throw CLIError(FileProblem.cannotWrite(output, error)) }
                } else {
                    FileHandle.standardOutput.write(bytes + Data("\n".utf8))
                }
                if timings {
                    Output.note(String(format: "parse %.3f s, check %.3f s, solve %.3f s, total %.3f s; %d assignments, objective %.4f",
                        (parsedAt - start).seconds, (solveStart - parsedAt).seconds, (solveEnd - solveStart).seconds, (clock.now - start).seconds,
                        result.assignments.count, result.objective))
                }
            }
        }

        func pointer(_ path: [any CodingKey]) -> String {
            "/" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
    }
}
