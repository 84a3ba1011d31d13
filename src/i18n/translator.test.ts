/**
 * The translator: lookup by dotted key, placeholders, plurals by the
 * language's rules, English as the fallback, language changes announced,
 * added strings merged without touching what was given.
 */
import { describe, expect, it, vi } from 'vitest'
import i18n from './index'
import { Translator } from './translator'

const en = {
  app: { title: 'Playground', hello: 'Hello {{name}}, {{name}}!' },
  rows: { count_one: '{{count}} row', count_other: '{{count}} rows' },
  only: { english: 'Only in English' },
}
type Key = 'app.title' | 'app.hello' | 'rows.count' | 'only.english' | 'missing.key'

describe('Translator', () => {
  it('looks sentences up by dotted key and fills every placeholder', () => {
    const tr = new Translator<Key>('en', en)
    expect(tr.t('app.title')).toBe('Playground')
    expect(tr.t('app.hello', { name: 'Ana' })).toBe('Hello Ana, Ana!')
  })

  it('leaves a placeholder without a value visible, and shows a missing key as itself', () => {
    const tr = new Translator<Key>('en', en)
    expect(tr.t('app.hello')).toBe('Hello {{name}}, {{name}}!')
    expect(tr.t('app.hello', { other: 1 })).toBe('Hello {{name}}, {{name}}!')
    expect(tr.t('missing.key')).toBe('missing.key')
    expect(tr.t('app' as Key)).toBe('app') // a subtree is not a sentence
  })

  it('chooses the plural form by the language\'s rules', () => {
    const tr = new Translator<Key>('en', en)
    expect(tr.t('rows.count', { count: 1 })).toBe('1 row')
    expect(tr.t('rows.count', { count: 0 })).toBe('0 rows')
    expect(tr.t('rows.count', { count: 2 })).toBe('2 rows')
    // Korean has one form ("other"), so 1 uses the `_other` sentence.
    tr.add('ko', { rows: { count_one: '한 개 {{count}}', count_other: '{{count}}개' } })
    tr.use('ko')
    expect(tr.t('rows.count', { count: 1 })).toBe('1개')
  })

  it('falls back to English for a key the language does not have', () => {
    const tr = new Translator<Key>('en', en)
    tr.add('ko', { app: { title: '놀이터' } })
    tr.use('ko')
    expect(tr.t('app.title')).toBe('놀이터')
    expect(tr.t('only.english')).toBe('Only in English')
    expect(tr.fixedT('en')('app.title')).toBe('Playground')
  })

  it('announces a change of language once, and not a "change" to the same language', () => {
    const tr = new Translator<Key>('en', en)
    const heard = vi.fn()
    const stop = tr.subscribe(heard)
    tr.use('en')
    tr.use('ko')
    tr.use('ko')
    expect(heard.mock.calls).toEqual([['ko']])
    stop()
    tr.use('en')
    expect(heard).toHaveBeenCalledTimes(1)
    expect(tr.language).toBe('en')
  })

  it('merges added strings, keeps the first sentence unless told to overwrite, and never changes the given objects', () => {
    const given = { app: { title: 'Playground', hello: 'Hello {{name}}, {{name}}!' } }
    const tr = new Translator<Key>('en', given)
    const more = { app: { title: 'Other' }, only: { english: 'Only in English' } }
    tr.add('en', more)
    expect(tr.t('app.title')).toBe('Playground')
    expect(tr.t('only.english')).toBe('Only in English')
    tr.add('en', { app: { title: 'New' } }, true)
    expect(tr.t('app.title')).toBe('New')
    expect(given.app.title).toBe('Playground')
    expect(more.app.title).toBe('Other')
  })

  it('gives the same translate function for the same language (memoised components keep it)', () => {
    const tr = new Translator<Key>('en', en)
    expect(tr.fixedT('en')).toBe(tr.fixedT('en'))
    expect(tr.fixedT('en')).not.toBe(tr.fixedT('ko'))
  })
})

describe('the playground\'s strings', () => {
  it('are typed: a key that is not in the English strings does not compile', () => {
    expect(i18n.t('app.title')).not.toBe('app.title')
    // @ts-expect-error not a key of the English strings
    expect(i18n.t('app.noSuchKey')).toBe('app.noSuchKey')
    // A plural is one key without its suffix.
    expect(i18n.t('inspector.dns.count', { count: 1, shown: 1 })).toBe('1 of 1 record')
    expect(i18n.t('inspector.dns.count', { count: 3, shown: 2 })).toBe('2 of 3 records')
  })
})
