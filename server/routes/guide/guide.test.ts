import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { request } from '../../testing/http'
import { newServerWithGroup } from '../../testing/newServer'

const PICTURES = path.resolve(import.meta.dirname, '../../../docs/guide')

describe('GET /guide', () => {
  it('serves the user guide as one page, with its pictures, to anyone', async () => {
    const t = await newServerWithGroup()
    const page = await fetch(`${t.url}/guide`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    for (const part of ['For a delegate', 'For the rapporteur', 'For the chair', 'For the secretariat']) expect(html).toContain(part)
    const pictures = [...html.matchAll(/<img src="\/guide\/([a-z0-9-]+\.png)"/g)].map((m) => m[1] ?? '')
    expect(pictures.length).toBeGreaterThanOrEqual(7)
    for (const name of pictures) {
      expect(fs.existsSync(path.join(PICTURES, name)), `docs/guide/${name}`).toBe(true)
      const picture = await fetch(`${t.url}/guide/${name}`)
      expect([picture.status, picture.headers.get('content-type')]).toEqual([200, 'image/png'])
    }
  })

  it('serves nothing but the guide’s pictures (404 for other names and paths)', async () => {
    const t = await newServerWithGroup()
    for (const name of ['missing.png', '..%2Fguide.md', 'guide.md', '%2E%2E%2F%2E%2E%2Fpackage.json']) {
      const res = await request(`${t.url}/guide/${name}`)
      expect(res.status, name).toBe(404)
    }
  })
})
