#if Service
extension WebPage {
    /// The page's style sheet at `/style.css`.
    static let styleCSS: String = #"""
        :root { --fg: #1d2433; --muted: #6b7385; --accent: #2f6fde; --bad: #d2453b; --ok: #2c9a5a; --bg: #f7f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
        header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1.25rem; background: #fff; border-bottom: 1px solid #e3e6ec; }
        header h1 { font-size: 1.1rem; margin: 0; }
        nav a { margin-right: .75rem; color: var(--accent); text-decoration: none; }
        nav a.active { font-weight: 600; text-decoration: underline; }
        .key { margin-left: auto; font-size: .9rem; color: var(--muted); }
        .key input { width: 16rem; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
        section { background: #fff; border: 1px solid #e3e6ec; border-radius: 6px; padding: .75rem 1rem; margin-bottom: 1rem; }
        h2 { font-size: 1rem; margin: .5rem 0; }
        .muted { color: var(--muted); }
        .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .5rem; margin-bottom: .5rem; }
        .fields label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        input, textarea, button { font: inherit; }
        input, textarea { padding: .3rem .4rem; border: 1px solid #c9ced8; border-radius: 4px; }
        textarea { width: 100%; font-family: ui-monospace, monospace; font-size: .85rem; }
        button { padding: .35rem .9rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eef0f4; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .label { font-size: 1.3rem; font-weight: 600; }
        svg.bars text, svg.drift text { font-size: 12px; fill: var(--fg); }
        svg.bars rect.bar { fill: var(--accent); }
        svg.drift rect.ok { fill: var(--ok); }
        svg.drift rect.drift { fill: var(--bad); }
        svg.drift line.threshold { stroke: var(--fg); stroke-dasharray: 3 2; }
        .error { color: var(--bad); font-weight: 600; }
        .badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; color: #fff; background: var(--ok); font-size: .8rem; }
        .badge.drift { background: var(--bad); }
        """#
}
#endif
