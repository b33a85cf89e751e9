extension DataError {
    /// `text` in double quotes for an error message, shortened to 60 characters.
    static func quote(_ text: String) -> String {
        let shown = text.count > 60 ? text.prefix(57) + "..." : Substring(text)
        return "\"" + shown + "\""
    }
}
