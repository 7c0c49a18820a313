import type { BracketPoint } from '../../../shared/dashboardApi'

const W = 480
const H = 160
const PAD = { left: 36, right: 12, top: 12, bottom: 28 }

/** Brackets remaining over the revisions (then now), drawn by the app as an SVG line with its points labelled. */
export function BracketChart({ points }: { points: readonly BracketPoint[] }) {
  const max = Math.max(1, ...points.map((p) => p.brackets))
  const step = points.length > 1 ? (W - PAD.left - PAD.right) / (points.length - 1) : 0
  const x = (i: number) => PAD.left + i * step
  const y = (n: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - n / max)
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.brackets).toFixed(1)}`).join(' ')
  const summary = points.map((p) => `${p.revision === null ? 'now' : `revision ${p.revision}`}: ${p.brackets}`).join(', ')
  return (
    <svg className="bracket-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Brackets remaining over revisions — ${summary}`}>
      <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} className="axis" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={y(0)} className="axis" />
      <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" className="tick">{max}</text>
      <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end" className="tick">0</text>
      <path d={line} className="series" fill="none" />
      {points.map((p, i) => (
        <g key={`${p.revision ?? 'now'}`}>
          <circle cx={x(i)} cy={y(p.brackets)} r={3.5} className="point">
            <title>{`${p.label}: ${p.brackets} bracket${p.brackets === 1 ? '' : 's'}`}</title>
          </circle>
          <text x={x(i)} y={H - 8} textAnchor="middle" className="tick">{p.revision === null ? 'now' : `r${p.revision}`}</text>
        </g>
      ))}
    </svg>
  )
}
