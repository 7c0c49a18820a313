import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// The API server's address for `npm run dev`; the dev server proxies /api and /collab to it.
const apiTarget = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8080'}`

export default defineConfig({
  root: 'client',
  plugins: [react()],
  // The editor (Tiptap, ProseMirror, Yjs) is most of the bundle and is needed on the main screen anyway.
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: {
      '/api': apiTarget,
      '/collab': { target: apiTarget.replace(/^http/, 'ws'), ws: true },
    },
  },
})
