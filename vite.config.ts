/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { contentSecurityPolicy } from './build/csp.ts'

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // Vite's scanner does not follow `?worker` imports; without this the dev server
  // reloads the page on a cold start (toolchain.md, pitfall 6).
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 4000 },
  test: { include: ['src/**/*.test.{ts,tsx}'], environment: 'node' },
})
