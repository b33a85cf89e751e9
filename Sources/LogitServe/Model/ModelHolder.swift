#if Service
import Synchronization

/// The model being served and the one before it, swapped atomically.
///
/// A request reads ``current`` once and keeps that ``LoadedModel`` to the end,
/// so in-flight requests finish on the model they started with; a reload
/// installs a fully loaded and validated model in one step (a failed load
/// never reaches the holder), and ``rollback()`` swaps back.
public final class ModelHolder: Sendable {
    private struct State {
        var current: LoadedModel?
        var previous: LoadedModel?
    }

    private let state = Mutex(State())

    /// An empty holder (``current`` is nil until ``install(_:)``).
    public init() {}

    /// The model serving now (nil before the first load).
    public var current: LoadedModel? { state.withLock { $0.current } }
    /// The model before it (what ``rollback()`` returns to).
    public var previous: LoadedModel? { state.withLock { $0.previous } }

    /// Serves `model` from now on; the one it replaces becomes ``previous``.
    ///
    /// - Returns: the model replaced.
    @discardableResult
    public func install(_ model: LoadedModel) -> LoadedModel? {
        state.withLock { state in
            let old = state.current
            if let old { state.previous = old }
            state.current = model
            return old
        }
    }

    /// Swaps the current and previous models.
    ///
    /// - Returns: (now serving, replaced), or nil when there is no previous model.
    public func rollback() -> (current: LoadedModel, previous: LoadedModel)? {
        state.withLock { state in
            guard let previous = state.previous, let current = state.current else { return nil }
            state.current = previous
            state.previous = current
            return (previous, current)
        }
    }
}
#endif
