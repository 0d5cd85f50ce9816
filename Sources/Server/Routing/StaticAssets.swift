import Foundation

/// `/static/app.js` and `/static/style.css`, shipped as the target's resources (no CDN: works offline).
enum StaticAssets {
    static let types = ["app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"]

    static func response(_ name: String) throws -> ServerResponse {
        guard let type = types[name], let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
            let bytes = try? Data(contentsOf: url)
        else { throw ServeError(404, "no such file") }
        return ServerResponse(headers: [("Content-Type", type), ("Cache-Control", "no-cache")], body: .bytes(Array(bytes)))
    }
}
