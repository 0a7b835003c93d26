/// The style sheets of the HTML outputs. Fonts are ones an office machine has (Thai fonts of
/// Windows, macOS and Debian's fonts-thai-tlwg) with generic fallbacks: nothing is fetched.
enum ReportStyle {
    static let common = """
    :root { --ink: #000; --grey: #555; --rule: #444; }
    html { font-family: "TH Sarabun New", "Sarabun", "Leelawadee UI", "Leelawadee", "Tahoma", "Thonburi", \
    "Noto Sans Thai", "Loma", "Garuda", "Waree", "Norasi", sans-serif; color: var(--ink); background: #fff; }
    body { margin: 0; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid var(--rule); padding: 2px 4px; vertical-align: top; overflow-wrap: break-word; }
    .code { color: var(--grey); font-size: 85%; }

    """

    /// IDP1: A4 landscape, one page per person (the page breaks after each section).
    static let forms = """
    @page { size: A4 landscape; margin: 8mm; }
    .page { box-sizing: content-box; width: 281mm; padding: 0; font-size: 9pt; line-height: 1.25; }
    .page + .page { break-before: page; page-break-before: always; }
    @media screen { .page { margin: 8mm auto; padding: 6mm; border: 1px solid #bbb; } }
    h1 { font-size: 12pt; text-align: center; margin: 0 0 2px; }
    p.sub { text-align: center; margin: 0 0 4px; }
    p.who { margin: 0 0 4px; display: flex; flex-wrap: wrap; gap: 2px 14px; }
    .fill { border-bottom: 1px dotted var(--ink); padding: 0 4px; }
    table.form { width: 100%; table-layout: fixed; }
    table.form th { font-weight: bold; font-size: 8pt; text-align: center; vertical-align: middle; }
    table.form th.q { font-size: 8pt; }
    table.form td { height: 13mm; font-size: 8pt; line-height: 1.2; }
    table.form td .source { color: var(--grey); font-size: 7.5pt; }
    table.form td div + div { margin-top: 1px; }
    col.c-item { width: 16%; } col.c-topic { width: 18%; } col.c-method { width: 9%; } col.c-goal { width: 10%; }
    col.c-q { width: 5.5%; } col.c-eval { width: 6%; }
    td.tick { text-align: center; vertical-align: middle; font-size: 12pt; font-weight: bold; }
    .sign { margin-top: 4px; margin-left: 45%; }
    .sign p { margin: 2px 0; }
    .sign-title { font-weight: bold; }
    .empty p { font-size: 14pt; text-align: center; margin-top: 40mm; }

    """

    /// IDP2 (after `forms`): its own columns and the four outcome boxes.
    static let review = """
    col.c-done { width: 17%; } col.c-note { width: 20%; } col.c-more { width: 17%; }
    .idp2 col.c-goal { width: 12%; }
    td.done div { white-space: nowrap; }
    .box { display: inline-block; width: 3mm; height: 3mm; line-height: 3mm; border: 1px solid var(--ink); text-align: center;
      font-weight: bold; vertical-align: -0.5mm; }

    """

    /// The dashboard: A4 portrait when printed, each part kept together where it fits.
    static let report = """
    @page { size: A4; margin: 12mm; }
    body { max-width: 190mm; margin: 0 auto; padding: 6mm; font-size: 10.5pt; line-height: 1.4; }
    h1 { font-size: 17pt; margin: 0 0 2px; }
    h2 { font-size: 13.5pt; margin: 14px 0 4px; border-bottom: 2px solid var(--ink); break-after: avoid; page-break-after: avoid; }
    h3 { font-size: 11.5pt; margin: 10px 0 4px; break-after: avoid; }
    section.part { break-before: page; page-break-before: always; }
    section.part:first-of-type { break-before: auto; page-break-before: auto; }
    figure { margin: 6px 0; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-weight: bold; margin-bottom: 2px; }
    svg { max-width: 100%; height: auto; }
    svg text { font-family: inherit; }
    table.data { width: 100%; margin: 4px 0 10px; font-size: 9.5pt; }
    table.data th { background: #eee; text-align: left; }
    table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
    table.data td.num { white-space: nowrap; }
    table.data th[data-sort] { cursor: pointer; }
    @media print { table.data th[data-sort]::after { content: none !important; } }
    table.data th[aria-sort="ascending"]::after { content: " ▲"; }
    table.data th[aria-sort="descending"]::after { content: " ▼"; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    .headline { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
    .figure { border: 2px solid var(--ink); padding: 6px 10px; min-width: 38mm; }
    .figure .value { font-size: 20pt; font-weight: bold; display: block; }
    .figure .change { font-size: 9.5pt; display: block; }
    .met { font-weight: bold; }
    .note { color: var(--grey); font-size: 9.5pt; }
    .empty { font-size: 13pt; border: 2px dashed var(--ink); padding: 10px; }

    """
}
