import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'
import './phone.css'

const root = document.getElementById('root')
if (!root) throw new Error('missing #root')
// StrictMode's double effects help find bugs in development; the production app opens each draft once.
createRoot(root).render(import.meta.env.DEV ? <StrictMode><App /></StrictMode> : <App />)
