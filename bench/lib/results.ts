/** One figure as written by `--json FILE`. */
export interface Figure {
  readonly name: string
  readonly value: number
  readonly unit: string
}

/** How a figure is held against its target value (`<`: strictly below, e.g. the cold open's "< 200 ms"). */
export type Op = '<=' | '<' | '>='

export const meets = (value: number, op: Op, target: number): boolean => (op === '<=' ? value <= target : op === '<' ? value < target : value >= target)

/** A target: on ours alone, or on the ratio ours / reference. */
export type Target =
  | { readonly on: 'ours'; readonly op: Op; readonly value: number }
  | { readonly on: 'ratio'; readonly op: Op; readonly value: number }

/** One line of the table: a measure on our server and, where it applies, on the reference. */
export interface Row {
  readonly label: string
  readonly unit: string
  readonly ours: { readonly name: string; readonly value: number }
  readonly reference?: { readonly name: string; readonly value: number }
  /** The same measure on Hocuspocus (the persisting server a user would pick instead), where it applies. */
  readonly hocuspocus?: { readonly name: string; readonly value: number }
  readonly target?: Target
  /** A target on ours / Hocuspocus. */
  readonly hocuspocusTarget?: { readonly op: Op; readonly value: number }
  /** What the ratio compares, as its unit in `--json` (default `ours/reference`; scale-out: `two/one`). */
  readonly ratioUnit?: string
}

export type Verdict = 'PASS' | 'MISS' | ''

export function ratioOf(row: Row): number | null {
  return row.reference ? row.ours.value / row.reference.value : null
}

export function hocuspocusRatioOf(row: Row): number | null {
  return row.hocuspocus ? row.ours.value / row.hocuspocus.value : null
}

export function verdict(row: Row): Verdict {
  const t = row.target
  const h = row.hocuspocusTarget
  if (!t && !h) return ''
  if (t) {
    const value = t.on === 'ours' ? row.ours.value : ratioOf(row)
    if (value === null || !Number.isFinite(value)) return 'MISS'
    if (!meets(value, t.op, t.value)) return 'MISS'
  }
  if (h) {
    const value = hocuspocusRatioOf(row)
    // Infinity (Hocuspocus at 0, e.g. a capacity) meets a `>=` target; NaN (no figure) meets none.
    if (value === null || Number.isNaN(value) || !meets(value, h.op, h.value)) return 'MISS'
  }
  return 'PASS'
}

export function figures(rows: readonly Row[]): Figure[] {
  const out: Figure[] = []
  for (const row of rows) {
    out.push({ name: row.ours.name, value: row.ours.value, unit: row.unit })
    if (row.reference) {
      out.push({ name: row.reference.name, value: row.reference.value, unit: row.unit })
      const ratio = ratioOf(row)
      // `x.ours` / `x.reference` (or scale-out's `x.two` / `x.one`) give `x.ratio`.
      if (ratio !== null) out.push({ name: `${row.ours.name.replace(/\.(ours|two)$/, '')}.ratio`, value: ratio, unit: row.ratioUnit ?? 'ours/reference' })
    }
    if (row.hocuspocus) {
      out.push({ name: row.hocuspocus.name, value: row.hocuspocus.value, unit: row.unit })
      const ratio = hocuspocusRatioOf(row)
      if (ratio !== null) out.push({ name: `${row.ours.name.replace(/\.ours$/, '')}.ratio_hocuspocus`, value: ratio, unit: 'ours/hocuspocus' })
    }
  }
  return out
}

const fmt = (v: number | null | undefined): string => {
  if (v === null || v === undefined) return '–'
  if (!Number.isFinite(v)) return String(v)
  const a = Math.abs(v)
  if (a >= 1000) return Math.round(v).toLocaleString('en-US')
  if (a >= 100) return v.toFixed(0)
  if (a >= 10) return v.toFixed(1)
  return v.toFixed(2)
}

const OP_TEXT: Readonly<Record<Op, string>> = { '<=': '≤', '<': '<', '>=': '≥' }

function targetText(row: Row): string {
  const t = row.target
  const parts = t ? [`${t.on === 'ratio' ? 'ratio' : 'ours'} ${OP_TEXT[t.op]} ${t.value}`] : []
  if (row.hocuspocusTarget) parts.push(`vs hp ${OP_TEXT[row.hocuspocusTarget.op]} ${row.hocuspocusTarget.value}`)
  return parts.join(', ')
}

/** A Markdown table (readable in a terminal too). */
export function table(rows: readonly Row[]): string {
  const head = ['figure', 'unit', 'ours', 'reference', 'ours/ref', 'hocuspocus', 'ours/hp', 'target', 'result']
  const body = rows.map((r) => [r.label, r.unit, fmt(r.ours.value), fmt(r.reference?.value), fmt(ratioOf(r)), fmt(r.hocuspocus?.value), fmt(hocuspocusRatioOf(r)), targetText(r), verdict(r)])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)))
  const numeric = (i: number) => i >= 2 && i <= 6
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (numeric(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`
  return [line(head), rule, ...body.map(line)].join('\n')
}
