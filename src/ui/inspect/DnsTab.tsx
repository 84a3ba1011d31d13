/**
 * DNS: the records CoreDNS serves (filterable), the /etc/resolv.conf of the
 * selected pod (or the request's source pod), and how the resolver expanded
 * the shown request's name through the search list.
 */
import { memo, useDeferredValue, useId, useMemo, useState } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import type { Simulation } from '../../engine'
import { useAppStore } from '../../store'
import { selectSelection, selectShownSim, selectShownSpec } from '../../store/selectors'
import { requestPod, targetPod, urlHost, type Ref } from './targets'
import './inspect.css'

const RecordsTable = memo(function RecordsTable({ sim }: { sim: Simulation }) {
  const { t } = useTranslation()
  const [filter, setFilter] = useState('')
  const deferred = useDeferredValue(filter)
  const id = useId()
  const records = useMemo(() => sim.dnsRecords(), [sim])
  const shown = useMemo(() => {
    const f = deferred.trim().toLowerCase()
    if (!f) return records
    return records.filter((r) => r.name.toLowerCase().includes(f) || r.type.toLowerCase() === f || r.data.toLowerCase().includes(f))
  }, [records, deferred])
  return (
    <section className="ins-dns-records" aria-labelledby={`${id}-h`}>
      <div className="ins-toolbar">
        <h3 id={`${id}-h`} className="ins-h">{t('inspector.dns.records')}</h3>
        <label className="ins-field">
          <span>{t('inspector.dns.filter')}</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('inspector.dns.filterPlaceholder')} spellCheck={false} data-testid="dns-filter" />
        </label>
        <span className="ins-status">{t('inspector.dns.count', { shown: shown.length, count: records.length })}</span>
      </div>
      <div className="ins-scroll">
        {shown.length === 0 ? (
          <p className="ins-empty">{t('inspector.dns.noMatch', { filter: deferred })}</p>
        ) : (
          <table className="ins-table mono" data-testid="dns-records">
            <thead>
              <tr>
                <th scope="col">{t('inspector.dns.name')}</th>
                <th scope="col">{t('inspector.dns.type')}</th>
                <th scope="col">{t('inspector.dns.ttl')}</th>
                <th scope="col">{t('inspector.dns.data')}</th>
              </tr>
            </thead>
            <tbody data-i18n-skip="">
              {shown.map((r, i) => (
                <tr key={`${r.name}|${r.type}|${r.data}|${i}`}>
                  <th scope="row">{r.name}</th>
                  <td>{r.type}</td>
                  <td>{r.ttl}</td>
                  <td>{r.data}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
})

function Lookup({ sim, host, from }: { sim: Simulation; host: string; from: Ref }) {
  const { t } = useTranslation()
  const result = useMemo(() => sim.resolve(host, `${from.namespace}/${from.name}`), [sim, host, from.namespace, from.name])
  if (result.tried.length === 0) return <p className="ins-note">{t('inspector.dns.noLookupIp')}</p>
  const answered = result.rcode === 'NOERROR' && result.answers.length > 0
  return (
    <>
      <ol className="ins-tried mono" data-testid="dns-tried">
        {result.tried.map((name, i) => {
          const ok = answered && i === result.tried.length - 1
          return (
            <li key={`${name}-${i}`} className={ok ? 'ins-answered' : 'ins-missed'}>
              <span data-i18n-skip="">{name}</span> <span className="ins-verdict">{ok ? t('inspector.dns.answered') : t('inspector.dns.notFound')}</span>
            </li>
          )
        })}
      </ol>
      <p className="ins-note mono">
        {answered
          ? <>{t('inspector.dns.result')} <span data-i18n-skip="">{result.answers.map((a) => `${a.type} ${a.data}`).join(', ')}</span></>
          : t('inspector.dns.resultNone', { rcode: result.rcode })}
      </p>
    </>
  )
}

function DnsTab() {
  const { t } = useTranslation()
  const sim = useAppStore(selectShownSim)
  const selection = useAppStore(selectSelection)
  const spec = useAppStore(selectShownSpec)
  const pod = targetPod(selection, spec)
  const exists = pod && sim.pods.some((p) => p.namespace === pod.namespace && p.name === pod.name)
  const podKey = pod && exists ? `${pod.namespace}/${pod.name}` : ''
  const resolv = useMemo(() => (podKey ? sim.resolvConf(podKey) : ''), [sim, podKey])
  const from = requestPod(spec)
  const host = spec ? urlHost(spec.url) : undefined
  return (
    <div className="ins-dns" data-testid="inspect-dns">
      <div className="ins-dns-pod">
        {podKey ? (
          <section className="ins-dns-box">
            <h3 className="ins-h">{t('inspector.dns.resolvConf', { pod: podKey })}</h3>
            <pre className="ins-pre mono" data-testid="resolv-conf" data-i18n-skip="">{resolv}</pre>
          </section>
        ) : (
          <p className="ins-note">{t('inspector.dns.noPod')}</p>
        )}
        <section className="ins-dns-box">
          {spec && from && host ? (
            <>
              <h3 className="ins-h">{t('inspector.dns.lookup', { host, pod: `${from.namespace}/${from.name}` })}</h3>
              <Lookup sim={sim} host={host} from={from} />
            </>
          ) : (
            <p className="ins-note">{spec && !from ? t('inspector.dns.noLookupSource') : t('inspector.dns.noLookup')}</p>
          )}
        </section>
      </div>
      <RecordsTable sim={sim} />
    </div>
  )
}

export default memo(DnsTab)
