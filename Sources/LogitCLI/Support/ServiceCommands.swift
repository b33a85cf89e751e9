import ArgumentParser

/// The service's commands, present when built with the `Service` trait (default on).
enum ServiceCommands {
    #if Service
    static let all: [any ParsableCommand.Type] = [ServeCommand.self, KeysCommand.self]
    #else
    static let all: [any ParsableCommand.Type] = []
    #endif
}
