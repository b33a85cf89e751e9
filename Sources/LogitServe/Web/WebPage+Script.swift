#if Service
extension WebPage {
    /// The page's script at `/app.js`: loads `/v1/model`, builds the form,
    /// posts `/v1/predict` (JSON rows keyed by feature name, or text/csv) and
    /// draws the results; reads `/v1/monitor` and draws the drift chart.
    /// Links: `/#predict&key=K&row=v1,v2,...` fills and predicts a row,
    /// `/#monitor&key=K` opens the monitoring view (the key is then removed
    /// from the address and kept in this tab only).
    static let appJS: String = #"""
        // The page of `logit serve`: predict one row or a pasted CSV, and watch the
        // monitoring window's drift. Plain browser JavaScript, no build step and no
        // network beyond this service. The API key stays in this tab (sessionStorage);
        // `#key=...` in the address fills it and is then removed from the address.
        "use strict";

        const state = { model: null, features: [], classes: [] };
        const $ = (id) => document.getElementById(id);

        function hashParams() {
          const parts = location.hash.replace(/^#/, "").split("&").filter(Boolean);
          const params = { view: "predict" };
          for (const part of parts) {
            const eq = part.indexOf("=");
            if (eq < 0) {
              if (part === "predict" || part === "monitor") params.view = part; else params[part] = true;
            } else {
              params[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
            }
          }
          return params;
        }

        function apiKey() { return $("key").value.trim(); }

        async function api(method, path, body, contentType) {
          const headers = {};
          if (apiKey()) headers["Authorization"] = "Bearer " + apiKey();
          if (body !== undefined) headers["Content-Type"] = contentType || "application/json";
          const response = await fetch(path, {
            method, headers,
            body: body === undefined ? undefined : (typeof body === "string" ? body : JSON.stringify(body)),
          });
          const text = await response.text();
          let payload = null;
          try { payload = JSON.parse(text); } catch (e) { payload = null; }
          if (!response.ok) {
            const message = payload && payload.error ? payload.error.message : text || response.statusText;
            throw new Error(response.status + ": " + message);
          }
          return payload;
        }

        function showError(error) {
          const box = $("error");
          box.textContent = error ? String(error.message || error) : "";
          box.hidden = !error;
        }

        function el(tag, attributes, ...children) {
          const node = document.createElement(tag);
          for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
          for (const child of children) node.append(child instanceof Node ? child : String(child));
          return node;
        }

        const SVG = "http://www.w3.org/2000/svg";
        function svg(tag, attributes, text) {
          const node = document.createElementNS(SVG, tag);
          for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
          if (text !== undefined) node.textContent = text;
          return node;
        }

        function format(x, digits) {
          if (typeof x !== "number") return String(x);
          if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return x.toExponential(digits || 3);
          return x.toFixed(digits || 4);
        }

        // --- model -----------------------------------------------------------------

        function featureNames(model) {
          const list = model.features || model.feature_names || [];
          return list.map((f) => (typeof f === "string" ? f : f.name));
        }

        function featureDefaults(model) {
          const list = model.features || [];
          return list.map((f) => (typeof f === "object" && typeof f.mean === "number" ? f.mean : ""));
        }

        async function loadModel() {
          const model = await api("GET", "/v1/model");
          state.model = model;
          state.features = featureNames(model);
          state.classes = model.classes || [];
          const box = $("model");
          box.replaceChildren(
            el("h2", {}, "Model ", el("span", { id: "model-name" }, model.name || ""), " ",
               el("span", { class: "muted", id: "model-version" }, model.version ? "version " + model.version : "")),
            el("p", {}, state.classes.length + " classes (" + state.classes.join(", ") + "), " +
               state.features.length + " features" + (model.created_at ? ", trained " + model.created_at : "")));
          // An image model also takes files (POST /v1/predict/image).
        $("image-form").hidden = !model.image;
        if (model.image) $("image-settings").textContent = model.image.width + "×" + model.image.height + " " + model.image.color;
        const fields = $("fields");
          const defaults = featureDefaults(model);
          fields.replaceChildren(...state.features.map((name, i) =>
            el("label", {}, name, el("input", { name, type: "text", inputmode: "decimal", value: defaults[i] === "" ? "" : String(defaults[i]) }))));
        }

        // --- predictions -------------------------------------------------------------

        function probabilityList(prediction) {
          const p = prediction.probabilities;
          if (Array.isArray(p)) return state.classes.map((c, i) => [c, p[i]]);
          return Object.entries(p || {});
        }

        function probabilityChart(prediction) {
          const entries = probabilityList(prediction);
          const rowHeight = 22, labelWidth = 140, barWidth = 320;
          const chart = svg("svg", { class: "bars", width: labelWidth + barWidth + 70, height: entries.length * rowHeight + 4,
                                      role: "img", "aria-label": "probability per class" });
          entries.forEach(([name, p], i) => {
            const y = i * rowHeight + 2;
            chart.append(svg("text", { x: 0, y: y + 15 }, name));
            chart.append(svg("rect", { class: "bar", x: labelWidth, y, height: rowHeight - 6,
                                        width: Math.max(0, Math.min(1, p)) * barWidth, "data-class": name, "data-p": p }));
            chart.append(svg("text", { x: labelWidth + barWidth + 6, y: y + 15 }, format(p, 4)));
          });
          return chart;
        }

        function showPredictions(response) {
          const predictions = response.predictions || [];
          const box = $("result");
          if (predictions.length === 1) {
            const p = predictions[0];
            box.replaceChildren(el("p", {}, "Label: ", el("span", { class: "label", id: "label" }, p.label)),
                                probabilityChart(p));
            return;
          }
          const named = predictions.some((p) => p.file !== undefined);
          const head = el("tr", {}, el("th", {}, "#"), ...(named ? [el("th", {}, "file")] : []), el("th", {}, "label"), ...state.classes.map((c) => el("th", {}, "P(" + c + ")")));
          const rows = predictions.slice(0, 500).map((p, i) => {
            const probabilities = Object.fromEntries(probabilityList(p));
            return el("tr", { class: "prediction" }, el("td", {}, i + 1), ...(named ? [el("td", {}, p.file)] : []), el("td", {}, p.label),
                      ...state.classes.map((c) => el("td", { class: "num" }, format(probabilities[c], 4))));
          });
          box.replaceChildren(el("p", {}, predictions.length + " rows" + (predictions.length > 500 ? " (first 500 shown)" : "")),
                              el("table", { id: "predictions" }, head, ...rows));
        }

        async function predictRow(event) {
          if (event) event.preventDefault();
          showError(null);
          try {
            const row = {};
            for (const input of $("fields").querySelectorAll("input")) {
              const value = input.value.trim();
              if (value === "" || !Number.isFinite(Number(value))) throw new Error(input.name + ": enter a number");
              row[input.name] = Number(value);
            }
            showPredictions(await api("POST", "/v1/predict", { rows: [row] }));
          } catch (error) { showError(error); }
        }

        async function predictImages(event) {
          event.preventDefault();
          showError(null);
          try {
            const files = $("images").files;
            if (!files.length) throw new Error("choose one or more image files");
            const form = new FormData();
            for (const file of files) form.append("file", file, file.name);
            const headers = {};
            if (apiKey()) headers["Authorization"] = "Bearer " + apiKey();
            // multipart: the browser sets the Content-Type with its boundary
            const response = await fetch("/v1/predict/image", { method: "POST", headers, body: form });
            const payload = await response.json().catch(() => null);
            if (!response.ok) throw new Error(response.status + ": " + (payload && payload.error ? payload.error.message : response.statusText));
            showPredictions(payload);
          } catch (error) { showError(error); }
        }

        async function predictCSV(event) {
          event.preventDefault();
          showError(null);
          try { showPredictions(await api("POST", "/v1/predict", $("csv").value, "text/csv")); }
          catch (error) { showError(error); }
        }

        // --- monitoring --------------------------------------------------------------

        const P_VALUE_METHODS = new Set(["ks", "chisquare", "chi2", "z"]);

        // How far past its threshold a feature is: 1 at the threshold; p-values on a
        // log scale so that 0.05 → 1 and 0.0005 → 2.3.
        function driftStrength(feature) {
          const score = feature.score, threshold = feature.threshold;
          if (P_VALUE_METHODS.has(feature.method)) {
            return Math.log10(Math.max(score, 1e-300)) / Math.log10(threshold);
          }
          return threshold > 0 ? score / threshold : 0;
        }

        function driftChart(features) {
          const rowHeight = 24, labelWidth = 170, barWidth = 300, cap = 3;
          const chart = svg("svg", { class: "drift", id: "drift-chart", width: labelWidth + barWidth + 190,
                                      height: features.length * rowHeight + 20, role: "img", "aria-label": "drift per feature" });
          const thresholdX = labelWidth + barWidth / cap;
          features.forEach((f, i) => {
            const y = i * rowHeight + 4;
            const strength = Math.min(cap, Math.max(0, driftStrength(f)));
            chart.append(svg("text", { x: 0, y: y + 15 }, f.column));
            chart.append(svg("rect", { class: f.drift_detected ? "drift" : "ok", x: labelWidth, y, height: rowHeight - 8,
                                        width: Math.max(1, strength / cap * barWidth), "data-feature": f.column }));
            chart.append(svg("text", { x: labelWidth + barWidth + 8, y: y + 15 }, f.method + " " + format(f.score, 3)));
          });
          chart.append(svg("line", { class: "threshold", x1: thresholdX, x2: thresholdX, y1: 0, y2: features.length * rowHeight + 4 }));
          chart.append(svg("text", { x: thresholdX + 4, y: features.length * rowHeight + 16 }, "threshold"));
          return chart;
        }

        function findReport(payload) {
          if (!payload) return null;
          if (Array.isArray(payload.features)) return payload;
          for (const key of ["window", "report", "drift"]) if (payload[key] && Array.isArray(payload[key].features)) return payload[key];
          return null;
        }

        async function loadMonitor() {
          showError(null);
          const box = $("drift");
          try {
            const payload = await api("GET", "/v1/monitor");
            const report = findReport(payload);
            if (!report) {
              box.replaceChildren(el("p", { class: "muted", id: "drift-empty" },
                "No rows in the window yet: send predictions, then refresh."));
              return;
            }
            const dataset = report.dataset || {};
            const drifted = dataset.drifted ?? dataset.drifted_features ?? report.features.filter((f) => f.drift_detected).length;
            const rows = payload.window_rows ?? report.current_rows ?? "";
            box.replaceChildren(
              el("p", {}, el("span", { class: dataset.drift_detected ? "badge drift" : "badge", id: "dataset-drift" },
                             dataset.drift_detected ? "data-set drift" : "no data-set drift"),
                 " " + drifted + " of " + report.features.length + " features drifted" +
                 (rows !== "" ? ", " + rows + " rows in the window" : "")),
              driftChart(report.features));
            // Live quality: the labelled rows of the window (from /v1/feedback).
            const quality = report.quality && (report.quality.current || report.quality);
            if (quality && typeof quality.accuracy === "number") {
              const f1 = Array.isArray(quality.f1) ? quality.f1.reduce((a, b) => a + b, 0) / quality.f1.length : quality.f1;
              box.append(el("p", { id: "quality" }, "Live accuracy " + format(quality.accuracy, 4) +
                (typeof f1 === "number" ? ", macro F1 " + format(f1, 4) : "") +
                (quality.rows !== undefined ? " on " + quality.rows + " labelled rows" : "")));
            }
          } catch (error) { showError(error); }
        }

        // --- navigation ----------------------------------------------------------------

        function showView(view) {
          $("view-predict").hidden = view !== "predict";
          $("view-monitor").hidden = view !== "monitor";
          $("nav-predict").classList.toggle("active", view === "predict");
          $("nav-monitor").classList.toggle("active", view === "monitor");
        }

        async function start() {
          const params = hashParams();
          if (params.key) {
            sessionStorage.setItem("logit-key", params.key);
            history.replaceState(null, "", "#" + params.view);
          }
          $("key").value = sessionStorage.getItem("logit-key") || "";
          $("key").addEventListener("change", () => { sessionStorage.setItem("logit-key", apiKey()); route(); });
          $("row-form").addEventListener("submit", predictRow);
          $("csv-form").addEventListener("submit", predictCSV);
          $("image-form").addEventListener("submit", predictImages);
          $("refresh").addEventListener("click", loadMonitor);
          window.addEventListener("hashchange", () => route());
          await route(params);
        }

        async function route(given) {
          const params = given || hashParams();
          showView(params.view);
          try { await loadModel(); } catch (error) { showError(error); return; }
          if (params.view === "monitor") { await loadMonitor(); return; }
          if (params.row) {
            // `#predict&row=v1,v2,...`: fill the form and predict (links, and the page test).
            const values = params.row.split(",");
            $("fields").querySelectorAll("input").forEach((input, i) => { input.value = values[i] ?? ""; });
            await predictRow();
          }
        }

        start();
        """#
}
#endif
