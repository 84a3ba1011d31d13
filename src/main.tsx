import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n'
import App from './ui/App'
import './ui/styles.css'
import './ui/i18n.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
