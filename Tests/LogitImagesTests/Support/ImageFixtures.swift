import Foundation

/// The fixtures written by scripts/reference/make_image_fixtures.py (Pillow 13.0.0,
/// NumPy 2.4.6; scripts/requirements-images.txt).
enum ImageFixtures {
    struct Expected: Decodable {
        var width: Int
        var height: Int
        var channels: Int
        var pixels: [Int]
        var gray: [Int]?
    }

    struct ResizeCase: Decodable {
        var width: Int
        var height: Int
        var channels: Int
        var pixels: [Int]
        var targetWidth: Int
        var targetHeight: Int
        var expected: [Double]
    }

    static var root: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }
    static func good(_ name: String) -> String { root.appendingPathComponent("good/\(name)").path }
    static func bad(_ name: String) -> String { root.appendingPathComponent("bad/\(name)").path }

    static func load<T: Decodable>(_ name: String, as _: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: root.appendingPathComponent(name)))
    }

    static var expected: [String: Expected] { get throws { try load("expected.json", as: [String: Expected].self) } }
    static var badReasons: [String: String] { get throws { try load("bad.json", as: [String: String].self) } }
    static var resizeCases: [ResizeCase] { get throws { try load("resize.json", as: [ResizeCase].self) } }
}
