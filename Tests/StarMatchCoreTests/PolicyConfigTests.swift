import Foundation
import StarMatchCore
import Testing

@Suite("PolicyConfig.load: thresholds as data")
struct PolicyConfigTests {
    func load(_ json: String) throws(ConfigError) -> PolicyConfig {
        try PolicyConfig.load(json: Data(json.utf8), source: "policy.json")
    }

    /// The error `load` throws, or `nil` (recorded as an issue) when it loads.
    func loadError(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigError? {
        do {
            let config = try load(json)
            Issue.record("expected a ConfigError, loaded \(config)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test("CONFIG: an empty object gives every documented default")
    func defaults() throws {
        let config = try load("{}")
        #expect(config == PolicyConfig())
        #expect(config.minimumAge == 18)
        #expect(config.ageConfirmationMonths == 2)
        #expect(config.minFollowers == 1_000)
        #expect(config.pilotFollowerCeiling == 5_000)
        #expect(config.pilotDays == 30)
        #expect(config.pilotShopMinScore == 95)
        #expect(config.chrStart == 200)
        #expect(config.chrMax == 1_000)
        #expect(config.chrFloor == 150)
        #expect(config.chrGoodStanding == 200)
        #expect(config.pilotVideoQuota == 5)
        #expect(config.pilotLiveQuota == 3)
        #expect(config.quotaTimeZone == "America/Los_Angeles")
        #expect(config.regions == ["US", "GB"])
        #expect(config.returnWindowDays == 30)
        #expect(config.maxAccountsPerDocument == 5)
        #expect(config.graduationMinVideos == 6)
        #expect(config.graduationMinVideoSeconds == 8)
        #expect(config.graduationMinLives == 1)
        #expect(config.graduationMinLiveSeconds == 300)
        #expect(config.graduationMinOrders == 10)
    }

    @Test("CONFIG: keys that are missing keep their defaults; keys given are taken")
    func partial() throws {
        let config = try load(#"{"minFollowers": 2000, "regions": ["US", "CA"], "quotaTimeZone": "Europe/London"}"#)
        #expect(config.minFollowers == 2_000)
        #expect(config.regions == ["US", "CA"])
        #expect(config.timeZone.identifier == "Europe/London")
        var expected = PolicyConfig()
        expected.minFollowers = 2_000
        expected.regions = ["US", "CA"]
        expected.quotaTimeZone = "Europe/London"
        #expect(config == expected)
    }

    @Test("CONFIG: an encoded config loads back equal")
    func roundTrip() throws {
        var config = PolicyConfig()
        config.chrFloor = 120
        config.pilotShopMinScore = 97.5
        config.regions = ["GB"]
        let data = try JSONEncoder().encode(config)
        #expect(try PolicyConfig.load(json: data, source: "x") == config)
    }

    @Test("CONFIG: the shipped Scoring/policy.json loads")
    func shippedPolicyFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scoring/policy.json")
        let data = try Data(contentsOf: url)
        _ = try PolicyConfig.load(json: data, source: url.lastPathComponent)
    }

    @Test("CONFIG: an unknown key is refused, naming the key")
    func unknownKey() throws {
        let error = try #require(loadError(#"{"minFolowers": 2000}"#))
        #expect(error.key == "minFolowers")
        #expect(error.reason.contains("unknown key"))
        #expect(error.source == "policy.json")
        #expect(error.description.hasPrefix("policy.json: minFolowers: "))
    }

    @Test("H-GOOD: chrGoodStanding at or below chrFloor is refused", arguments: [
        #"{"chrGoodStanding": 150}"#, #"{"chrGoodStanding": 100}"#, #"{"chrFloor": 200}"#, #"{"chrFloor": 300, "chrGoodStanding": 250}"#,
    ])
    func goodStandingAboveFloor(json: String) throws {
        let error = try #require(loadError(json))
        #expect(error.key == "chrGoodStanding")
    }

    @Test("H-GOOD: chrGoodStanding one above chrFloor loads")
    func goodStandingJustAboveFloor() throws {
        let config = try load(#"{"chrGoodStanding": 151}"#)
        #expect(config.chrGoodStanding == 151)
    }

    @Test("P-WEEK: an unknown time zone is refused, naming quotaTimeZone")
    func badTimeZone() throws {
        let error = try #require(loadError(#"{"quotaTimeZone": "Mars/Olympus_Mons"}"#))
        #expect(error.key == "quotaTimeZone")
        #expect(error.reason.contains("Mars/Olympus_Mons"))
    }

    @Test("CONFIG: a value of the wrong type is refused, naming the key", arguments: [
        (#"{"minFollowers": "1000"}"#, "minFollowers"),
        (#"{"minFollowers": true}"#, "minFollowers"),
        (#"{"regions": "US"}"#, "regions"),
        (#"{"regions": ["US", 5]}"#, "regions"),
        (#"{"quotaTimeZone": 8}"#, "quotaTimeZone"),
        (#"{"pilotShopMinScore": "95%"}"#, "pilotShopMinScore"),
    ])
    func wrongType(json: String, key: String) throws {
        let error = try #require(loadError(json))
        #expect(error.key == key)
        #expect(error.reason.contains("wrong type"))
    }

    @Test("CONFIG: out-of-range values are refused, naming the key", arguments: [
        (#"{"minFollowers": -1}"#, "minFollowers"),
        (#"{"pilotFollowerCeiling": 1000}"#, "pilotFollowerCeiling"),
        (#"{"pilotDays": 0}"#, "pilotDays"),
        (#"{"pilotShopMinScore": 100.5}"#, "pilotShopMinScore"),
        (#"{"chrStart": 1001}"#, "chrStart"),
        (#"{"regions": []}"#, "regions"),
        (#"{"regions": ["us"]}"#, "regions"),
        (#"{"maxAccountsPerDocument": 0}"#, "maxAccountsPerDocument"),
        (#"{"returnWindowDays": 366}"#, "returnWindowDays"),
        (#"{"minimumAge": 151}"#, "minimumAge"),
    ])
    func outOfRange(json: String, key: String) throws {
        let error = try #require(loadError(json))
        #expect(error.key == key)
    }

    // Bug found: a number that does not fit the key's type (a fraction or out of Int range) surfaces as
    // DecodingError.dataCorrupted, which `load` does not map to the key; it reports "not valid JSON" without a key.
    @Test("CONFIG: a fractional or oversized number for an integer key is refused naming the key", arguments: [
        #"{"minFollowers": 1000.5}"#, #"{"minFollowers": 99999999999999999999}"#,
    ])
    func fractionalInteger(json: String) throws {
        let error = try #require(loadError(json))
        #expect(error.key == "minFollowers")
        #expect(!error.reason.contains("not valid JSON"))
    }

    // Bug found: `validate` names graduationMinVideos for any negative graduation criterion.
    @Test("P-GRADUATE: a negative graduation criterion is refused naming that criterion", arguments: [
        "graduationMinVideos", "graduationMinVideoSeconds", "graduationMinLives", "graduationMinLiveSeconds", "graduationMinOrders",
    ])
    func negativeGraduationCriterion(key: String) throws {
        let error = try #require(loadError(#"{"\#(key)": -1}"#))
        #expect(error.key == key)
    }

    @Test("CONFIG: not JSON, or not an object, is refused without a key", arguments: [
        "not json", "[1, 2]", "42", "",
    ])
    func notAnObject(json: String) throws {
        let error = try #require(loadError(json))
        #expect(error.key == nil)
        #expect(error.description.hasPrefix("policy.json: "))
    }
}
