#if Service
import ServiceLifecycle
import UnixSignals

/// Reloads the model (and key file) on SIGHUP until shutdown.
struct HangupReloader: Service {
    let state: ServiceState

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            do {
                try state.reload()
            } catch {
                state.logger.warning("SIGHUP reload failed; the old model keeps serving",
                                     metadata: ["error": .string("\(error)")])
            }
        }
    }
}
#endif
