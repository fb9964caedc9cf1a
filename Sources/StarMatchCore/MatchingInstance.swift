public import Foundation

/// The interchange format of `starmatch solve`: creators with capacities, campaigns with slots, scored pairs.
public struct MatchingInstance: Sendable, Codable, Equatable {
    public struct Creator: Sendable, Codable, Equatable {
        public var id: String
        public var capacity: Int
        public init(id: String, capacity: Int) { self.id = id; self.capacity = capacity }
    }

    public struct Campaign: Sendable, Codable, Equatable {
        public var id: String
        public var slots: Int
        public init(id: String, slots: Int) { self.id = id; self.slots = slots }
    }

    public struct Edge: Sendable, Codable, Equatable {
        public var creator: String
        public var campaign: String
        /// In (0, 1], at most 4 decimals.
        public var score: Double
        public init(creator: String, campaign: String, score: Double) { self.creator = creator; self.campaign = campaign; self.score = score }
    }

    public var creators: [Creator]
    public var campaigns: [Campaign]
    public var edges: [Edge]

    public init(creators: [Creator], campaigns: [Campaign], edges: [Edge]) {
        self.creators = creators
        self.campaigns = campaigns
        self.edges = edges
    }

    /// An instance that cannot be solved as given, with a JSON pointer to the first bad value of each kind.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// Scores as integer weights: score × 10,000.
    public static let scale = 10_000.0

    /// Checks the instance and turns it into a solver problem.
    /// - Throws: `Invalid` listing every problem found (at most 20), each with its JSON pointer.
    public func problem() throws(Invalid) -> BMatchingProblem {
        var problems: [String] = []
        func report(_ message: String) { if problems.count < 20 { problems.append(message) } }
        var creatorIndex: [String: Int32] = [:]
        for (i, c) in creators.enumerated() {
            if c.capacity < 0 { report("/creators/\(i)/capacity: \(c.capacity) is negative") }
            if creatorIndex.updateValue(Int32(i), forKey: c.id) != nil { report("/creators/\(i)/id: duplicate creator id '\(c.id)'") }
        }
        var campaignIndex: [String: Int32] = [:]
        for (k, c) in campaigns.enumerated() {
            if c.slots < 0 { report("/campaigns/\(k)/slots: \(c.slots) is negative") }
            if campaignIndex.updateValue(Int32(k), forKey: c.id) != nil { report("/campaigns/\(k)/id: duplicate campaign id '\(c.id)'") }
        }
        var edges: [BMatchingProblem.Edge] = []
        edges.reserveCapacity(self.edges.count)
        var pairs = Set<Int64>()
        pairs.reserveCapacity(self.edges.count)
        for (e, edge) in self.edges.enumerated() {
            guard let i = creatorIndex[edge.creator] else { report("/edges/\(e)/creator: unknown creator '\(edge.creator)'"); continue }
            guard let k = campaignIndex[edge.campaign] else { report("/edges/\(e)/campaign: unknown campaign '\(edge.campaign)'"); continue }
            guard edge.score > 0 && edge.score <= 1 else { report("/edges/\(e)/score: \(edge.score) is outside (0, 1]"); continue }
            let scaled = edge.score * Self.scale
            guard abs(scaled - scaled.rounded()) < 1e-6 else { report("/edges/\(e)/score: \(edge.score) has more than 4 decimals"); continue }
            guard pairs.insert(Int64(i) << 32 | Int64(k)).inserted else {
                report("/edges/\(e): duplicate pair creator '\(edge.creator)', campaign '\(edge.campaign)'")
                continue
            }
            edges.append(BMatchingProblem.Edge(creator: i, campaign: k, weight: Int64(scaled.rounded())))
        }
        if !problems.isEmpty { throw Invalid(problems: problems) }
        // A capacity (or slots) above the vertex's number of edges can never bind: clamped to it, the optimum is the
        // same, and no sum of capacities can overflow (a capacity of 2^62 is as good as its degree).
        var creatorDegree = [Int](repeating: 0, count: creators.count), campaignDegree = [Int](repeating: 0, count: campaigns.count)
        for edge in edges {
            creatorDegree[Int(edge.creator)] += 1
            campaignDegree[Int(edge.campaign)] += 1
        }
        return BMatchingProblem(capacities: creators.indices.map { min(creators[$0].capacity, creatorDegree[$0]) },
                                slots: campaigns.indices.map { min(campaigns[$0].slots, campaignDegree[$0]) }, edges: edges)
    }

    /// The solution in the interchange format.
    public struct Solution: Sendable, Codable, Equatable {
        public struct Assignment: Sendable, Codable, Equatable {
            public var creator: String
            public var campaign: String
            public var score: Double
        }

        public var objective: Double
        public var assignments: [Assignment]
    }

    /// A solver's answer in the interchange format; assignments in the instance's edge order.
    public func solution(_ problem: BMatchingProblem, _ solution: BMatchingSolution) -> Solution {
        let assignments = solution.chosen.map { e in
            let edge = problem.edges[e]
            return Solution.Assignment(
                creator: creators[Int(edge.creator)].id, campaign: campaigns[Int(edge.campaign)].id,
                score: Double(edge.weight) / Self.scale)
        }
        return Solution(objective: Double(solution.objective) / Self.scale, assignments: assignments)
    }
}
