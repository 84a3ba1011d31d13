/** Typed keys: t('a.b') with a key that is not in the English strings does not compile. */
import 'i18next'
import type { Strings } from './locales/en'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Strings }
  }
}
