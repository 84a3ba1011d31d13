import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { languageReady } from './i18n'
import App from './ui/App'
import './ui/styles.css'
import './ui/i18n.css'

// English is here already; a Korean page first fetches its strings (one small chunk).
void languageReady().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
})
