// The worker thread's entry (plain JavaScript: the thread starts without tsx): registers tsx's loader, found from this file, then loads the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./mammothWorker.ts')
