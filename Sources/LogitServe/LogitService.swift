#if Service
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The prediction and monitoring service: builds the router over a
/// ``ServiceState`` and runs it with graceful shutdown (SIGTERM/SIGINT: stop
/// accepting, finish in-flight requests, return) and model reload on SIGHUP.
///
/// ```swift
/// var configuration = ServeConfiguration(model: "model.json")
/// configuration.apiKeysPath = "keys.txt"
/// try await LogitService.run(configuration)
/// ```
public enum LogitService {
    /// The router: every endpoint behind the request and access middleware.
    public static func makeRouter(state: ServiceState) -> Router<ServeContext> {
        let router = Router(context: ServeContext.self)
        router.add(middleware: RequestMiddleware(state: state))
        router.add(middleware: AccessMiddleware(state: state))
        Endpoints(state: state).register(on: router)
        return router
    }

    /// The application for `state` (listening on its configured host and port).
    ///
    /// - Parameter onServerRunning: called with the bound channel (its local address has the real port for port 0).
    public static func makeApplication(
        state: ServiceState, services: [any Service] = [],
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(router: makeRouter(state: state),
                    configuration: .init(address: .hostname(state.configuration.host, port: state.configuration.port),
                                         serverName: "logit", backlog: state.configuration.backlog),
                    services: services, onServerRunning: onServerRunning, logger: state.logger)
    }

    /// The JSON logger of the service.
    public static func makeLogger(level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "logit.serve") { JSONLogHandler(label: $0) }
        logger.logLevel = level
        return logger
    }

    /// Loads the model, then serves until SIGTERM or SIGINT (exit 0 after the
    /// in-flight requests finish); SIGHUP reloads the model and key file.
    ///
    /// - Parameter onServerRunning: called with the bound address once listening.
    /// - Throws: ``ServeSetupError`` or the model's load error before serving.
    public static func run(_ configuration: ServeConfiguration, logger: Logger = makeLogger(),
                           onServerRunning: @escaping @Sendable (String, Int) -> Void = { _, _ in }) async throws {
        let state = try ServiceState(configuration: configuration, logger: logger)
        try state.reload()
        if !state.authenticationEnabled {
            logger.warning("AUTHENTICATION IS OFF: every client may predict, reload and roll back; start with --api-keys FILE (create keys with `logit keys create NAME --file FILE`)")
        }
        let app = makeApplication(state: state, services: [HangupReloader(state: state)]) { channel in
            let address = channel.localAddress
            let host = address?.ipAddress ?? configuration.host, port = address?.port ?? configuration.port
            logger.info("listening", metadata: ["host": .string(host), "port": .stringConvertible(port),
                                                "auth": .string(state.authenticationEnabled ? "api-keys" : "off")])
            onServerRunning(host, port)
        }
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        logger.info("stopped")
    }
}
#endif
