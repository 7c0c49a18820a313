import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { marked } from 'marked'
import { notFound } from '../../errors'

const DOCS = path.resolve(import.meta.dirname, '../../../docs')
const PICTURE = /^[a-z0-9-]{1,64}\.png$/

const PAGE_STYLE = `body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1d232b}
h1,h2{font-weight:600}img{max-width:100%;border:1px solid #d9dee4;border-radius:6px}code{font-size:.9em}a{color:#1f4e79}`

/** The guide as one HTML page: our own Markdown (docs/guide.md), rendered once, its pictures under /guide/. */
function renderGuide(): string {
  const markdown = fs.readFileSync(path.join(DOCS, 'guide.md'), 'utf8')
  const body = marked.parse(markdown.replace(/\]\(guide\//g, '](/guide/'), { async: false })
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Provisio — user guide</title><style>${PAGE_STYLE}</style></head><body><p><a href="/">← Back to Provisio</a></p><main>${body}</main></body></html>`
}

/** `GET /guide` (the user guide, linked from the app's header) and `GET /guide/:picture.png`. */
export function guideRoutes(app: FastifyInstance): void {
  let page: string | null = null
  app.get('/guide', async (_request, reply) => {
    page ??= renderGuide()
    return reply.type('text/html; charset=utf-8').send(page)
  })
  app.get('/guide/:picture', async (request, reply) => {
    const picture = (request.params as { picture?: unknown }).picture
    // Names only, no paths: nothing outside docs/guide can be reached.
    if (typeof picture !== 'string' || !PICTURE.test(picture)) throw notFound('Picture')
    const file = path.join(DOCS, 'guide', picture)
    if (!fs.existsSync(file)) throw notFound('Picture')
    return reply.type('image/png').send(fs.createReadStream(file))
  })
}
