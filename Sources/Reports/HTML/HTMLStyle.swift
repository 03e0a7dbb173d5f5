/// The report page's style sheet, inlined into `<style>` so the file stands alone.
///
/// Uses system fonts only (nothing is fetched), tabular figures in tables, a fluid width with
/// small-multiple grids that reflow on narrow screens, and print rules (no navigation, no page
/// breaks inside figures or tables, collapsed sections printed open where supported).
enum HTMLStyle {
  static let css = """
  :root { --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --soft: #f6f8fa; --accent: #0072b2; --best: #e3f1fb; }
  * { box-sizing: border-box; }
  html { -webkit-text-size-adjust: 100%; }
  body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  main { max-width: 1280px; margin: 0 auto; padding: 28px 24px 64px; }
  header.page { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 8px; }
  h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 6px; letter-spacing: -0.01em; }
  h1 .kicker { display: block; font-size: 0.8rem; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; color: var(--accent); margin-bottom: 4px; }
  h2 { font-size: 1.35rem; margin: 2.6rem 0 0.6rem; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
  h3 { font-size: 1.05rem; margin: 1.6rem 0 0.4rem; }
  h3 .why { font-weight: 400; color: var(--muted); }
  p { margin: 0.5rem 0; max-width: 80ch; }
  .lede { font-size: 1.05rem; color: var(--muted); }
  .note { font-size: 0.88rem; color: var(--muted); }
  .warnings { border-left: 4px solid #d55e00; background: #fff4ec; padding: 0.5rem 0.9rem; margin: 0.8rem 0; font-size: 0.9rem; }
  .warnings ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; background: var(--soft); padding: 1px 4px; border-radius: 4px; }
  nav.toc { margin: 12px 0 0; font-size: 0.9rem; }
  nav.toc a { color: var(--accent); text-decoration: none; margin-right: 14px; white-space: nowrap; }
  nav.toc a:hover { text-decoration: underline; }
  dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); grid-auto-flow: dense; gap: 10px 18px; margin: 12px 0; }
  dl.facts div { background: var(--soft); border: 1px solid var(--border); border-radius: 8px; padding: 8px 12px; }
  dl.facts div.wide { grid-column: span 2; }
  dl.facts dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
  dl.facts dd { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
  ul.policies li { margin: 3px 0; }
  .table-wrap { overflow-x: auto; margin: 10px 0; border: 1px solid var(--border); border-radius: 8px; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
  th, td { padding: 6px 10px; text-align: right; border-bottom: 1px solid var(--border); white-space: nowrap; vertical-align: top; }
  th { background: var(--soft); font-weight: 600; font-size: 0.82rem; }
  th:first-child, td:first-child { text-align: left; }
  tbody tr:last-child td, tbody tr:last-child th { border-bottom: none; }
  td .ci { display: block; font-size: 0.78rem; color: var(--muted); }
  td.best { background: var(--best); font-weight: 700; }
  td.best .star { color: var(--accent); font-size: 0.85em; }
  tbody th { font-weight: 600; font-size: 0.9rem; background: #fff; }
  td.yes { color: #006b4f; font-weight: 600; }
  td.no { color: var(--muted); }
  ul.findings li { margin: 6px 0; max-width: 95ch; }
  figure { margin: 14px 0; }
  figcaption { font-size: 0.86rem; color: var(--muted); margin-top: 4px; max-width: 95ch; }
  svg.chart { display: block; width: 100%; height: auto; min-width: 520px; background: #fff; }
  figure, .panel { overflow-x: auto; }
  .panel svg.chart { min-width: 380px; }
  svg.legend-key { display: block; width: 100%; max-width: 640px; height: auto; }
  .grid { display: grid; gap: 14px 18px; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); }
  .grid.two { grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); }
  .single { max-width: 860px; }
  .panel { border: 1px solid var(--border); border-radius: 8px; padding: 6px; }
  details { border: 1px solid var(--border); border-radius: 8px; margin: 8px 0; padding: 0 12px; }
  details[open] { padding-bottom: 8px; }
  summary { cursor: pointer; padding: 8px 0; font-weight: 600; }
  details .table-wrap { border: none; margin: 0; }
  dl.definitions dt { font-weight: 600; margin-top: 10px; }
  dl.definitions dd { margin: 2px 0 0 0; max-width: 95ch; color: #3d444d; }
  footer { margin-top: 3rem; padding-top: 10px; border-top: 1px solid var(--border); font-size: 0.82rem; color: var(--muted); }
  section.answer { background: #f3f8fc; border: 1px solid #b6d4ea; border-left: 5px solid var(--accent); border-radius: 8px; padding: 2px 18px 12px; margin-top: 18px; }
  section.answer h2 { border-bottom: none; margin: 0.8rem 0 0.2rem; font-size: 1.2rem; }
  dl.answer { margin: 0; }
  dl.answer div { display: grid; grid-template-columns: 9.5rem 1fr; gap: 0 12px; padding: 5px 0; border-top: 1px solid #d6e6f2; }
  dl.answer div:first-child { border-top: none; }
  dl.answer dt { font-weight: 700; }
  dl.answer dd { margin: 0; max-width: 95ch; }
  .grid.trajectories { grid-template-columns: 1fr; }
  table.kpi-comparison th { white-space: normal; min-width: 4.2em; }
  table.kpi-comparison tbody th { min-width: 8em; }
  table.kpi-comparison th, table.kpi-comparison td { padding: 6px 7px; }
  svg#trajectory-legend { max-width: 640px; }
  .table-wrap.single { width: fit-content; max-width: 100%; }
  .grid.trajectories .panel svg.chart { min-width: 640px; }
  @media (max-width: 640px) { main { padding: 16px 12px 40px; } h1 { font-size: 1.5rem; } .grid, .grid.two { grid-template-columns: 1fr; } dl.answer div { grid-template-columns: 1fr; } svg.chart, .panel svg.chart { min-width: 0; } .grid.trajectories .panel svg.chart { min-width: 640px; } }
  @media print {
    body { font-size: 10.5pt; }
    main { max-width: none; padding: 0; }
    nav.toc { display: none; }
    h2, h3 { break-after: avoid; }
    figure, .panel, tr, dl.facts div { break-inside: avoid; }
    svg.chart, .panel svg.chart { min-width: 0; }
    figure, .panel { overflow: visible; }
    .table-wrap { overflow: visible; border: none; }
    details { border: none; padding: 0; }
    details::details-content { content-visibility: visible; display: block; }
    a { color: inherit; text-decoration: none; }
  }
  """
}
