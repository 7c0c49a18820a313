/** The worker thread of mammothPool.ts: converts each zip it is sent and answers with the reading (or null). */
import { parentPort } from 'node:worker_threads'
import { convertBuffer } from './convert'

interface Job {
  readonly id: number
  readonly input: Uint8Array
}

parentPort?.on('message', (job: Job) => {
  void convertBuffer(Buffer.from(job.input.buffer, job.input.byteOffset, job.input.byteLength)).then((reading) => parentPort?.postMessage({ id: job.id, reading }))
})
