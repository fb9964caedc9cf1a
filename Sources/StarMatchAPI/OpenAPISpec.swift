import Foundation
import Hummingbird

/// The OpenAPI 3.1 document served at `GET /openapi.json`: `Resources/openapi.json`, written by hand and
/// shipped as a resource of this target (SwiftPM copies it beside the built `starmatch`, in
/// `StarMatch_StarMatchAPI.resources`). `OpenAPITests` hold it against the Swift code (routes, enums, field
/// ranges, entity members); `Tests/api-fuzz.sh` holds the running server against it.
enum OpenAPISpec {
    /// Why the document could not be loaded.
    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads the document from `bundle` and checks it is a JSON object declaring OpenAPI 3.1.
    /// - Parameter bundle: where the resource is; this target's resource bundle by default.
    /// - Returns: the document's bytes, as served.
    static func load(from bundle: Bundle = .module) throws -> Data {
        guard let url = bundle.url(forResource: "openapi", withExtension: "json") else {
            throw LoadError(description: "openapi.json is missing from \(bundle.bundlePath)")
        }
        let data = try Data(contentsOf: url)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LoadError(description: "\(url.path) is not a JSON object")
        }
        guard (object["openapi"] as? String)?.hasPrefix("3.1.") == true else {
            throw LoadError(description: "\(url.path) does not declare OpenAPI 3.1")
        }
        return data
    }

    /// The served bytes, loaded when the router is built: a missing or broken document stops the start
    /// with the reason (thrown out of `buildRouter`), never an empty document at request time.
    static func served(from bundle: Bundle = .module) throws -> ByteBuffer {
        do {
            return ByteBuffer(bytes: try load(from: bundle))
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "cannot read the OpenAPI document: \(error)")
        }
    }
}
