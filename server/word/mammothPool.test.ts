import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { mammothInput } from './convert'
import { convertInWorker } from './mammothPool'
import { openWordPackage } from './package'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/word', name))

describe('mammoth in a worker thread', () => {
  it('converts in the worker, answers null for what mammoth cannot read, and carries on for the next file', async () => {
    const input = mammothInput(openWordPackage(fixture('libreoffice.docx')))
    const first = await convertInWorker(input)
    expect(first?.blocks.length).toBeGreaterThan(10)
    expect(await convertInWorker(new Uint8Array([80, 75, 3, 4, 0, 0]))).toBeNull()
    // Several at once share the worker, each answered with its own reading.
    const [a, b] = await Promise.all([convertInWorker(input), convertInWorker(mammothInput(openWordPackage(fixture('docx-package.docx'))))])
    expect(a).toEqual(first)
    expect(b?.blocks.length).toBeGreaterThan(10)
    expect(b).not.toEqual(first)
  })

  it('gives up on a conversion past its time (the XML pass alone then) and starts a fresh worker for the next', async () => {
    const input = mammothInput(openWordPackage(fixture('libreoffice.docx')))
    // 0 ms: the deadline always comes before the worker's answer.
    expect(await convertInWorker(input, 0)).toBeNull()
    expect((await convertInWorker(input))?.blocks.length).toBeGreaterThan(10)
  })
})
