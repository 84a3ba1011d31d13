/**
 * The Content-Security-Policy of the built page, as a <meta> tag (a static
 * host needs no server headers for it). Scripts only from the page's own
 * origin: no inline script, no eval. Styles allow inline because React Flow
 * positions nodes and Monaco colours tokens with style attributes and
 * injected <style> elements. Monaco's and the engine's workers are files of
 * the build ('self'); blob: is kept for workers and images (PNG/SVG export,
 * file downloads). Not in a <meta>: frame-ancestors (embedding is a feature:
 * ?embed=1), which only an HTTP header can set. Dev (vite serve) injects
 * inline scripts for hot reload, so the policy is added to `vite build` only.
 */
import type { Plugin } from 'vite'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ')

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'ksp-content-security-policy',
    apply: 'build',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }]
    },
  }
}
