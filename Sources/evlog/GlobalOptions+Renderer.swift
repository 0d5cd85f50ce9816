import EvlogKit
import Rendering

extension GlobalOptions {
    /// How this command line draws events (`OutputStyle` chooses the renderer).
    var outputStyle: OutputStyle { OutputStyle(json: json, useColor: useColor) }

    /// The renderer `outputStyle` chooses.
    func makeRenderer() -> any Renderer {
        outputStyle.makeRenderer()
    }
}
