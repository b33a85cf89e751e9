#if Service
import ArgumentParser
import Foundation
import LogitServe

/// `logit keys`: API keys for `logit serve --api-keys`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage API keys for `logit serve --api-keys`.",
        subcommands: [Create.self])

    /// `logit keys create NAME [--admin] --file keys.txt`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key: append its salted hash to --file and print the key once (it is stored nowhere).")

        @Argument(help: "The key's name (who holds it; shown in the service's logs).")
        var name: String

        @Flag(help: "Allow /admin/reload and /admin/rollback.")
        var admin = false

        @Option(help: ArgumentHelp("The key file (created with mode 0600 if absent).", valueName: "file"))
        var file: String

        func run() throws {
            let secret = try APIKeyFile.create(name: name, admin: admin, path: file)
            print(secret)
            FileHandle.standardError.write(Data("created \(admin ? "admin" : "user") key '\(name)' in \(file); it is shown only this once: send it as 'Authorization: Bearer KEY'\n".utf8))
        }
    }
}
#endif
