import type { DraftSize } from '../../../shared/api'

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 1)} MiB`

/** The draft's stored size against the server's limits; the API sends it to the secretariat only, so others see nothing. */
export function DraftSizeNote({ size }: { size: DraftSize | undefined }) {
  if (!size) return null
  const items = size.items === null ? '' : ` · ${size.items.toLocaleString()} of ${size.maxItems.toLocaleString()} items`
  return (
    <span className="muted draft-size" title={size.damage ?? undefined}>
      Size {mib(size.bytes)} of {mib(size.maxBytes)}{items}{size.damage ? ' · damaged: npm run admin -- draft repair' : ''}
    </span>
  )
}
