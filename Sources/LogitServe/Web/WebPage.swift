#if Service
/// The service's web page, served by the binary at `/` (with ``appJS`` at
/// `/app.js` and ``styleCSS`` at `/style.css`) without authentication: the
/// page sends the API key the user types. Plain HTML, JavaScript and CSS with
/// no build step and no network beyond this service, so it works offline and
/// behind a firewall. Views: predict one row (a field per feature) or a pasted
/// CSV, with a probability bar chart; the monitoring window's drift per
/// feature. Checked in headless Chromium by WebPageTests.
enum WebPage {
    /// The HTML page at `/`.
    static let indexHTML: String = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>logit serve</title>
        <link rel="stylesheet" href="/style.css">
        </head>
        <body>
        <header>
          <h1>logit serve</h1>
          <nav>
            <a href="#predict" id="nav-predict">Predict</a>
            <a href="#monitor" id="nav-monitor">Monitor</a>
          </nav>
          <label class="key">API key <input id="key" type="password" autocomplete="off" placeholder="Bearer key"></label>
        </header>
        <main>
          <section id="model" aria-live="polite"><p class="muted">Loading the model…</p></section>

          <section id="view-predict">
            <h2>Predict one row</h2>
            <form id="row-form"><div id="fields" class="fields"></div>
              <button type="submit">Predict</button></form>
            <h2>Or paste a CSV (header row with the feature names)</h2>
            <form id="csv-form">
              <textarea id="csv" rows="6" spellcheck="false" placeholder="Area,MajorAxisLength,...&#10;87524,442.2,..."></textarea>
              <button type="submit">Predict CSV</button>
            </form>
            <form id="image-form" hidden>
          <h2>Or upload images (the model was trained on <span id="image-settings"></span> images)</h2>
          <input id="images" type="file" accept="image/png,image/jpeg,image/gif,image/bmp" multiple>
          <button type="submit">Classify images</button>
        </form>
        <div id="result" aria-live="polite"></div>
          </section>

          <section id="view-monitor" hidden>
            <h2>Drift in the monitoring window</h2>
            <button id="refresh" type="button">Refresh</button>
            <div id="drift" aria-live="polite"></div>
          </section>
          <p id="error" class="error" role="alert" hidden></p>
        </main>
        <script src="/app.js"></script>
        </body>
        </html>
        """#
}
#endif
