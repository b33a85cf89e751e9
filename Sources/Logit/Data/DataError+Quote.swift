extension DataError {
    /// `text` in double quotes for an error message: control characters
    /// escaped (see ``MessageText/escaped(_:)``) and shortened to 60 characters
    /// (the first 57 and `...`), so a hostile name cannot make a message long
    /// or corrupt a terminal.
    ///
    /// - Complexity: O(min(`text` length, 60)).
    static func quote(_ text: String) -> String {
        "\"" + MessageText.shortened(text, to: 60) + "\""
    }
}
