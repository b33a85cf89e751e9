/// The version of the engine, written into every model file and tracked run so
/// that a file can always be traced back to the code that made it.
public enum EngineVersion {
    /// The engine's semantic version.
    public static let current = "0.1.0"
}
