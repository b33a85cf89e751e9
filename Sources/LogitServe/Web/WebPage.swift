#if Service
/// The service's web page, served at `/`, `/app.js` and `/style.css` without
/// authentication (the page sends the API key the user types).
///
/// PLACEHOLDER: the lead replaces these strings with the real page.
enum WebPage {
    /// The HTML page at `/`.
    static let indexHTML: String = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>logit serve</title>
        <link rel="stylesheet" href="/style.css"></head>
        <body><h1>logit serve</h1><p>The web page is not built yet; see /v1/model.</p>
        <script src="/app.js"></script></body></html>
        """
    /// The page's script at `/app.js`.
    static let appJS: String = "// placeholder\n"
    /// The page's style sheet at `/style.css`.
    static let styleCSS: String = "body { font-family: sans-serif; }\n"
}
#endif
