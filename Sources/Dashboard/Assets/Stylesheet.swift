/// The dashboard's only stylesheet, served at `/assets/dashboard.css`: system fonts, one accent
/// colour, WCAG AA contrast, responsive from 360 px (cards and scrolling tables on phones).
enum Stylesheet {
    static let css = #"""
    :root {
      --accent: #3451c7; --accent-dark: #26399a; --accent-soft: #eef1fc;
      --text: #1d2130; --muted: #5b6275; --line: #dfe2ea; --bg: #f6f7fb; --panel: #ffffff;
      --ok: #1c7a43; --ok-soft: #e6f4ec; --warn: #8a5a00; --warn-soft: #fdf3dc; --err: #b3261e; --err-soft: #fbe9e8;
      --radius: 10px; --shadow: 0 1px 2px rgba(20, 24, 40, .06), 0 2px 8px rgba(20, 24, 40, .04);
      --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: var(--text); background: var(--bg); }
    a { color: var(--accent); text-underline-offset: 2px; }
    a:hover { color: var(--accent-dark); }
    :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; border-radius: 4px; }
    code, pre { font-family: var(--mono); font-size: .9em; }
    code { background: #eff1f6; padding: .1em .35em; border-radius: 4px; overflow-wrap: anywhere; }
    pre { background: #161a2b; color: #e8eaf3; padding: 1rem; border-radius: 8px; overflow-x: auto; margin: .5rem 0 0; }
    pre code { background: none; padding: 0; color: inherit; overflow-wrap: normal; white-space: pre; }
    h1 { font-size: 1.6rem; line-height: 1.25; margin: 0; }
    h2 { font-size: 1.15rem; margin: 0 0 .6rem; }
    h3 { font-size: 1rem; margin: 0; }
    .skip { position: absolute; left: -999px; top: .5rem; background: #fff; padding: .5rem 1rem; z-index: 10; }
    .skip:focus { left: .5rem; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .top { background: var(--panel); border-bottom: 1px solid var(--line); }
    .top-inner { max-width: 72rem; margin: 0 auto; padding: .6rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; }
    .brand { font-weight: 700; color: var(--text); text-decoration: none; font-size: 1.1rem; display: inline-flex; align-items: center; gap: .4rem; }
    .brand-mark { display: inline-grid; place-items: center; width: 1.7rem; height: 1.7rem; border-radius: 7px; background: var(--accent); color: #fff; font-size: 1rem; }
    .nav { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .15rem; }
    .nav a { display: block; padding: .4rem .65rem; border-radius: 7px; color: var(--muted); text-decoration: none; font-weight: 500; }
    .nav a:hover { background: var(--accent-soft); color: var(--accent-dark); }
    .nav a[aria-current="page"] { background: var(--accent-soft); color: var(--accent-dark); }
    .signout { margin-left: auto; display: flex; align-items: center; gap: .6rem; }
    .who { color: var(--muted); font-size: .9rem; max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; outline: none; }
    .foot { max-width: 72rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
    .page-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .75rem; margin-bottom: 1.25rem; }
    .lead { font-size: 1.05rem; color: var(--muted); max-width: 48rem; margin-top: 0; }
    .panel, .card, .empty { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 1.25rem; margin-bottom: 1.25rem; }
    .panel.narrow { max-width: 32rem; margin-left: auto; margin-right: auto; }
    .auth { margin-top: 2rem; }
    .auth h1 { margin-bottom: .75rem; }
    .empty { text-align: center; padding: 2.5rem 1.25rem; }
    .empty p { color: var(--muted); max-width: 34rem; margin: .5rem auto 1.25rem; }
    .empty-inline { color: var(--muted); }
    .grid { display: grid; gap: 1rem; }
    .grid.two { grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); }
    .grid.three { grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); }
    .cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); }
    .cards .card { margin: 0; }
    .grid > *, .cards > *, .steps > *, .snippets > *, .filters > * { min-width: 0; }
    .card-head { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-bottom: .6rem; }
    .card-title { font-size: 1.05rem; margin: 0; flex: 1 1 10rem; overflow-wrap: anywhere; }
    .provider { font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: var(--accent-dark); background: var(--accent-soft); padding: .15rem .5rem; border-radius: 999px; }
    .badge { display: inline-block; font-size: .78rem; font-weight: 600; padding: .1rem .55rem; border-radius: 999px; background: #eceef4; color: #3b4152; white-space: nowrap; }
    .badge.ok { background: var(--ok-soft); color: var(--ok); }
    .badge.warn { background: var(--warn-soft); color: var(--warn); }
    .badge.err { background: var(--err-soft); color: var(--err); }
    .badge.scope { background: var(--accent-soft); color: var(--accent-dark); font-family: var(--mono); font-weight: 500; }
    .badge.req { background: var(--warn-soft); color: var(--warn); }
    .badge.plan { background: var(--accent); color: #fff; text-transform: capitalize; }
    .badge.muted-badge { background: #eceef4; color: var(--muted); }
    .muted { color: var(--muted); }
    .small { font-size: .85rem; }
    .label { font-size: .8rem; color: var(--muted); font-weight: 600; }
    .copy-row { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: .4rem 0; }
    .copy-row code { font-size: .85rem; }
    .copy-row.big code { font-size: 1rem; padding: .45rem .6rem; }
    code.secret { background: #fff7e0; border: 1px solid #f0d58a; user-select: all; }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; align-items: center; }
    .button { display: inline-flex; align-items: center; justify-content: center; gap: .35rem; min-height: 2.5rem; padding: .45rem 1rem;
      border-radius: 8px; border: 1px solid var(--line); background: #fff; color: var(--text); font: inherit; font-weight: 600;
      text-decoration: none; cursor: pointer; line-height: 1.2; }
    .button:hover { border-color: #c5cada; background: #fafbfd; color: var(--text); }
    .button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
    .button.primary:hover { background: var(--accent-dark); border-color: var(--accent-dark); color: #fff; }
    .button.danger { background: var(--err); border-color: var(--err); color: #fff; }
    .button.danger:hover { background: #8f1d17; color: #fff; }
    .button.quiet { background: transparent; }
    .button.small { min-height: 2rem; padding: .25rem .7rem; font-size: .85rem; }
    .button.wide { width: 100%; }
    .button[disabled] { opacity: .55; cursor: not-allowed; }
    .danger-text { color: var(--err); }
    .field { margin-bottom: 1rem; display: flex; flex-direction: column; gap: .3rem; }
    label { font-weight: 600; font-size: .92rem; }
    input[type=text], input[type=email], input[type=password], input[type=number], select, textarea {
      font: inherit; padding: .55rem .7rem; border: 1px solid #c3c8d6; border-radius: 8px; background: #fff; color: var(--text); width: 100%; min-height: 2.6rem; }
    input:focus, select:focus, textarea:focus { border-color: var(--accent); }
    input[readonly] { background: #f1f2f6; }
    input[aria-invalid=true] { border-color: var(--err); }
    textarea { font-family: var(--mono); font-size: .85rem; }
    fieldset { border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem .25rem; margin: 0 0 1rem; }
    legend { font-weight: 700; padding: 0 .35rem; }
    details { margin: .5rem 0 1rem; }
    summary { cursor: pointer; color: var(--accent); font-weight: 600; }
    .check { display: flex; gap: .6rem; align-items: flex-start; margin-bottom: .6rem; }
    .check input { margin-top: .3rem; width: 1.1rem; height: 1.1rem; flex: none; }
    .check label { font-weight: 400; }
    .help { margin: 0; font-size: .85rem; color: var(--muted); }
    .field-error { margin: 0; color: var(--err); font-size: .9rem; font-weight: 600; }
    .form-error { background: var(--err-soft); padding: .6rem .8rem; border-radius: 8px; margin-bottom: 1rem; }
    .notice { padding: .75rem 1rem; border-radius: 8px; margin: 0 0 1.25rem; border: 1px solid transparent; overflow-wrap: anywhere; }
    .notice.success { background: var(--ok-soft); color: #145c32; border-color: #b9dfc8; }
    .notice.error { background: var(--err-soft); color: #8c1d17; border-color: #f1c3c0; }
    .notice.info { background: var(--accent-soft); color: var(--accent-dark); border-color: #cfd7f6; }
    .notice.warning { background: var(--warn-soft); color: #6b4600; border-color: #efd9a4; }
    .success-panel { border-color: #b9dfc8; }
    .secret-panel { border-color: #efd9a4; }
    .table-wrap { position: relative; overflow-x: auto; border: 1px solid var(--line); border-radius: var(--radius); background: var(--panel); margin-bottom: 1rem; }
    table.data { width: 100%; border-collapse: collapse; font-size: .92rem; }
    table.data th, table.data td { text-align: left; padding: .6rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    table.data thead th { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: #fafbfd; white-space: nowrap; }
    table.data tbody tr:last-child > * { border-bottom: 0; }
    table.data tr.revoked { color: var(--muted); }
    table.data code { overflow-wrap: normal; white-space: nowrap; }
    .num { text-align: right !important; white-space: nowrap; }
    .nowrap { white-space: nowrap; }
    .row-actions { text-align: right !important; white-space: nowrap; }
    .steps { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
    .step { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.25rem; box-shadow: var(--shadow); }
    .step.done { border-left: 4px solid var(--ok); }
    .step h2 { display: flex; flex-wrap: wrap; align-items: center; gap: .6rem; }
    .step-number { font-family: var(--mono); color: var(--accent); font-size: .95rem; }
    .snippets { display: grid; gap: 1rem; margin-top: 1rem; }
    .snippet-head { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
    .snippet-head .copy { margin-left: auto; }
    .big-number { font-size: 2rem; font-weight: 700; margin: .25rem 0; }
    .big-number .muted { font-size: 1.1rem; font-weight: 500; }
    meter { width: 100%; height: 1rem; }
    .chart { width: 100%; height: auto; display: block; }
    .chart .bar { fill: var(--accent); }
    .chart .bar-error { fill: #d9534f; }
    .chart .axis { stroke: var(--line); }
    .chart text { fill: var(--muted); font-size: 11px; font-family: system-ui, sans-serif; }
    .legend { display: flex; gap: 1rem; font-size: .85rem; color: var(--muted); margin-top: .4rem; }
    .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: middle; margin-right: .3rem; background: var(--accent); }
    .swatch.error { background: #d9534f; }
    .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .25rem 1rem; align-items: end; background: var(--panel);
      border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1rem 0; margin-bottom: 1rem; }
    .filter-actions { display: flex; gap: .5rem; margin-bottom: 1rem; }
    .pager { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
    .toc ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 1.25rem; }
    .toc a { display: inline-block; padding: .25rem .6rem; border: 1px solid var(--line); border-radius: 999px; background: #fff; text-decoration: none; }
    .members { list-style: none; padding: 0; margin: 0; }
    .members li { padding: .5rem 0; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .members li:last-child { border-bottom: 0; }
    .toast { position: fixed; bottom: 1rem; left: 50%; transform: translateX(-50%); background: #161a2b; color: #fff; padding: .5rem 1rem;
      border-radius: 8px; font-size: .9rem; opacity: 0; pointer-events: none; transition: opacity .2s; }
    .toast.show { opacity: 1; }
    @media (max-width: 640px) {
      h1 { font-size: 1.35rem; }
      main { padding: 1rem .75rem 2rem; }
      .top-inner { padding: .5rem .75rem; }
      .top-inner > nav { order: 3; flex: 1 0 100%; min-width: 0; }
      .nav a { white-space: nowrap; padding: .35rem .5rem; }
      .signout { order: 2; margin-left: auto; }
      .who { max-width: 9rem; }
      .cards { grid-template-columns: 1fr; }
      .panel, .card, .step, .empty { padding: 1rem; }
      .copy-row.big code { font-size: .85rem; }
    }
    @media (prefers-reduced-motion: reduce) { .toast { transition: none; } }
    """#
}
