namespace Rapport.Server.Dashboard.Html;

/// <summary>The dashboard's one stylesheet, served from memory at <c>/dashboard/site.css</c>: light and dark by <c>prefers-color-scheme</c>.</summary>
internal static class DashboardStyles
{
    public const string Css = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa;
          --accent: #0b5cad; --good: #1a7f37; --bad: #c62828; --warn: #9a6700;
          --s1: #0b5cad; --s2: #c2410c; --s3: #15803d; --s4: #7e22ce; --s5: #64748b; }
        @media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9aa5b1; --line: #30363d; --panel: #161b22;
          --accent: #58a6ff; --good: #3fb950; --bad: #ff7b72; --warn: #d29922;
          --s1: #58a6ff; --s2: #fb923c; --s3: #4ade80; --s4: #c084fc; --s5: #94a3b8; } }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: var(--panel); padding: 6px; z-index: 9; }
        header { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 10px 20px; border-bottom: 1px solid var(--line); background: var(--panel); }
        header .brand { font-weight: 700; }
        nav ul { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; }
        nav a { display: block; padding: 6px 10px; border-radius: 6px; text-decoration: none; }
        nav a[aria-current="page"] { background: var(--accent); color: var(--bg); }
        header form { margin: 0; display: flex; gap: 6px; align-items: center; }
        header .who { margin-left: auto; color: var(--muted); }
        main { padding: 16px 20px 40px; max-width: 1280px; }
        h1 { font-size: 1.5rem; margin: 4px 0 12px; } h2 { font-size: 1.15rem; margin: 24px 0 8px; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 16px; padding: 0; list-style: none; }
        .cards li { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; background: var(--panel); }
        .cards b { display: block; font-size: 1.3rem; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; }
        figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; background: var(--panel); }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        svg text { fill: var(--fg); font-size: 11px; } svg .axis { stroke: var(--muted); } svg .grid { stroke: var(--line); }
        svg .s1 { stroke: var(--s1); fill: var(--s1); } svg .s2 { stroke: var(--s2); fill: var(--s2); } svg .s3 { stroke: var(--s3); fill: var(--s3); }
        svg .s4 { stroke: var(--s4); fill: var(--s4); } svg .s5 { stroke: var(--s5); fill: var(--s5); }
        svg polyline { fill: none !important; stroke-width: 2; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 14px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--panel); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .muted { color: var(--muted); } .good { color: var(--good); } .bad { color: var(--bad); } .warn { color: var(--warn); }
        .note { border-left: 4px solid var(--accent); background: var(--panel); padding: 8px 12px; margin: 8px 0; }
        .error { border-left: 4px solid var(--bad); background: var(--panel); padding: 8px 12px; margin: 8px 0; }
        form.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin: 8px 0; }
        form.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); }
        input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; }
        button { cursor: pointer; background: var(--panel); } button.danger { border-color: var(--bad); color: var(--bad); }
        details.data > summary { color: var(--muted); font-size: 13px; cursor: pointer; }
        .tree details { margin-left: 18px; } .tree > details { margin-left: 0; }
        .tree summary { cursor: pointer; display: grid; grid-template-columns: 14px minmax(220px, 34%) 1fr 90px; gap: 8px; align-items: center; padding: 2px 0; }
        .tree summary::before { content: "▸"; color: var(--muted); } .tree details[open] > summary::before { content: "▾"; }
        .bar { position: relative; height: 12px; background: var(--line); border-radius: 3px; }
        .bar span { position: absolute; top: 0; bottom: 0; min-width: 2px; background: var(--s1); border-radius: 3px; }
        .bar span.err { background: var(--bad); }
        .span-detail { margin: 4px 0 8px 18px; padding: 6px 10px; border-left: 2px solid var(--line); }
        .side { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
        .side div { white-space: pre-wrap; }
        .login { max-width: 420px; margin: 10vh auto; border: 1px solid var(--line); border-radius: 8px; padding: 20px; background: var(--panel); }
        .login input { width: 100%; margin: 6px 0 12px; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        """;
}
