/** The curl loop's output, one line per request, and how the requests spread over pods. */
import { memo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useAppStore } from '../../store'
import { selectSent, selectShownRequest } from '../../store/selectors'
import { curlLine, histogram, hostOf } from './curlOutput'

const MAX_LINES = 12

function RequestOutput() {
  const { t } = useTranslation()
  const sent = useAppStore(selectSent)
  const shown = useAppStore(selectShownRequest)
  const showRequest = useAppStore((s) => s.showRequest)
  if (sent.length === 0) return <p className="hint">{t('output.hint')}</p>
  const bars = histogram(sent.map((r) => r.trace.outcome))
  const max = Math.max(...bars.map((b) => b.count))
  const first = Math.max(0, sent.length - MAX_LINES)
  return (
    <div className="request-output" data-testid="request-output">
      <ol className="curl-lines mono" start={first + 1}>
        {first > 0 && <li className="more">{t('output.earlier', { n: first })}</li>}
        {sent.slice(first).map((r, i) => (
          <li key={first + i} className={first + i === shown ? 'shown' : ''}>
            <button
              type="button"
              onClick={() => showRequest(first + i)}
              className={r.trace.outcome.status === 'failed' ? 'failed' : ''}
              data-i18n-skip={r.trace.outcome.status === 'left-cluster' ? undefined : ''}
            >
              {curlLine(r.trace.outcome, hostOf(r.spec.url), t)}
            </button>
          </li>
        ))}
      </ol>
      {sent.length > 1 && (
        <table className="histogram" data-testid="histogram" aria-label={t('output.perPod')}>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row" className="mono" data-i18n-skip="">{b.label}</th>
                <td className="barcell"><span className={`bar${b.ok ? '' : ' failed'}`} style={{ width: `${Math.max(4, (b.count / max) * 100)}%` }} /></td>
                <td className="num">{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export default memo(RequestOutput)
