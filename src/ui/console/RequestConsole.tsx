/** Send requests: from which pod, node or the outside, to which URL, how many times. */
import { useMemo, type FormEvent } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'
import { MAX_REQUESTS } from '../../store/slices/traffic'
import { selectRequestCount, selectRequestFrom, selectRequestHost, selectRequestUrl, selectShownSim } from '../../store/selectors'

export default function RequestConsole() {
  const { t } = useTranslation()
  const from = useAppStore(selectRequestFrom)
  const url = useAppStore(selectRequestUrl)
  const host = useAppStore(selectRequestHost)
  const count = useAppStore(selectRequestCount)
  const sim = useAppStore(selectShownSim)
  const actions = useAppStore(useShallow((s) => ({ setFrom: s.setRequestFrom, setUrl: s.setRequestUrl, setHost: s.setRequestHost, setCount: s.setRequestCount, send: s.sendRequest })))
  const sources = useMemo(() => {
    const pods = sim.pods
      .filter((p) => p.phase === 'Running' && p.ip)
      .sort((a, b) => Number(a.namespace !== 'default') - Number(b.namespace !== 'default') || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
      .map((p) => ({ value: p.namespace === 'default' ? `pod/${p.name}` : `pod/${p.namespace}/${p.name}`, label: p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}` }))
    const nodes = sim.nodes.map((n) => ({ value: `node/${n.name}`, label: t('console.nodeOption', { name: n.name }) }))
    return { pods, nodes }
  }, [sim, t])
  const known = from === 'external' || sources.pods.some((p) => p.value === from) || sources.nodes.some((n) => n.value === from)
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault()
    actions.send()
  }
  return (
    <form className="request-console" onSubmit={onSubmit} aria-label={t('console.label')} data-testid="request-console">
      <label className="field">
        <span>{t('console.from')}</span>
        <select value={from} onChange={(e) => actions.setFrom(e.target.value)} data-testid="request-from">
          {!known && <option value={from}>{t('console.gone', { from })}</option>}
          <optgroup label={t('console.pods')}>
            {sources.pods.map((p) => <option key={p.value} value={p.value} data-i18n-skip="">{p.label}</option>)}
          </optgroup>
          <optgroup label={t('console.nodes')}>
            {sources.nodes.map((n) => <option key={n.value} value={n.value}>{n.label}</option>)}
          </optgroup>
          <option value="external">{t('console.external')}</option>
        </select>
      </label>
      <label className="field grow">
        <span>{t('console.curl')}</span>
        <input value={url} onChange={(e) => actions.setUrl(e.target.value)} spellCheck={false} className="mono" data-testid="request-url" aria-label={t('console.url')} />
      </label>
      <label className="field">
        <span>{t('console.host')}</span>
        <input value={host} onChange={(e) => actions.setHost(e.target.value)} placeholder={t('console.hostPlaceholder')} spellCheck={false} className="mono host" data-testid="request-host" aria-label={t('console.hostLabel')} />
      </label>
      <label className="field">
        <span>×</span>
        <input type="number" min={1} max={MAX_REQUESTS} value={count} onChange={(e) => actions.setCount(Number(e.target.value))} className="count" data-testid="request-count" aria-label={t('console.count')} />
      </label>
      <button type="submit" className="primary" data-testid="send">{t('console.send')}</button>
    </form>
  )
}
