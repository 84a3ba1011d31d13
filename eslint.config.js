// ESLint flat config. Its main job: keep src/engine pure (no UI, no browser
// globals, no hidden randomness or clocks), as DEVELOPERS.md requires.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'reports', 'test-results', 'playwright-report', 'src/engine/parse/knownFields.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'zustand', 'zustand/*'], message: 'src/engine is pure TypeScript: no UI libraries.' },
          { group: ['**/ui/**', '**/store/**', '**/share/**'], message: 'src/engine must not import the UI.' },
          { group: ['node:*'], message: 'src/engine runs in the browser: no Node modules.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'fetch', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'navigator', 'location', 'crypto'],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG (src/engine/rng.ts).' },
        { object: 'Date', property: 'now', message: 'The engine has no clock: time is simulated.' },
        { object: 'performance', property: 'now', message: 'The engine has no clock.' },
      ],
    },
  },
)
