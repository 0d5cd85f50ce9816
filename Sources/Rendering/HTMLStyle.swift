/// The report's inline stylesheet and script: no fonts, images or anything else from the network.
enum HTMLStyle {
    static let css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto; max-width: 1060px; color: #1d2330; background: #fafbfc; padding: 0 16px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dde1e8; padding-bottom: 4px; }
        .meta { color: #586174; margin: 2px 0; } .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; color: #fff; }
        .badge.done { background: #2e8b57; } .badge.failed, .badge.cancelled { background: #c0392b; } .badge.interrupted, .badge.paused, .badge.running { background: #d4880f; } .badge.pending, .badge.empty { background: #7a8394; }
        svg text { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
        .dag .node rect { fill: #eef1f6; stroke: #8a94a6; } .dag .node.done rect { fill: #e3f4ea; stroke: #2e8b57; } .dag .node.failed rect { fill: #fbe5e2; stroke: #c0392b; }
        .dag .node.skipped rect { fill: #f3f3f3; stroke: #aaa; stroke-dasharray: 4 3; } .dag .node.uncertain rect, .dag .node.running rect { fill: #fdf1dc; stroke: #d4880f; }
        .dag .id { font-weight: 600; } .dag .sub { fill: #586174; } .edge { fill: none; stroke: #667; stroke-width: 1.3; }
        .timeline .grid { stroke: #e4e7ed; } .timeline .lane, .timeline .tick { fill: #586174; } line.resume { stroke: #7b4fc9; stroke-width: 2; stroke-dasharray: 4 3; } text.resume { fill: #7b4fc9; }
        .bar rect { fill: #7fbf97; } .bar.failed rect { fill: #e0796c; } .bar.uncertain rect, .bar.running rect { fill: #efb95c; } .bar text { fill: #10301e; } .bar text.outside { fill: #1d2330; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
        .scroll { overflow-x: auto; background: #fff; border: 1px solid #e4e7ed; border-radius: 6px; padding: 8px; }
        table { border-collapse: collapse; width: 100%; background: #fff; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eceef2; vertical-align: top; }
        td.status.done { color: #2e8b57; } td.status.failed { color: #c0392b; font-weight: 600; } td.status.uncertain, td.status.running { color: #b06f00; }
        .failure { border-left: 4px solid #c0392b; background: #fff; padding: 8px 14px; margin: 10px 0; border-radius: 0 6px 6px 0; }
        .failure h3 { margin: 4px 0; font-size: 15px; } .evidence { background: #fbf3f2; }
        pre { background: #f4f5f8; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; margin: 6px 0; }
        details { background: #fff; border: 1px solid #e4e7ed; border-radius: 6px; margin: 6px 0; padding: 4px 10px; }
        summary { cursor: pointer; font-weight: 600; } summary .muted, .muted { color: #7a8394; font-weight: normal; }
        code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; } button { margin: 0 6px 6px 0; }
        """

    static let script = """
        function setAll(open) { document.querySelectorAll('details.output').forEach(function (d) { d.open = open; }); }
        """
}
