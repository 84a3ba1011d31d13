/** "Why did this fail?": the engine's explanation of the shown trace, cause by cause, each with a fix. */
import { memo, useMemo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useAppStore } from '../../store'
import { selectShownSim, selectShownSpec, selectShownTrace } from '../../store/selectors'
import './inspect.css'

/** The engine's explanations (titles, causes, fixes) are its own words: only the frame around them is translated. */
function WhyTab() {
  const { t } = useTranslation()
  const sim = useAppStore(selectShownSim)
  const spec = useAppStore(selectShownSpec)
  const trace = useAppStore(selectShownTrace)
  const list = useMemo(() => (spec && trace ? sim.explain(spec, trace) : []), [sim, spec, trace])
  if (!spec || !trace) return <p className="ins-empty" data-testid="inspect-why">{t('inspector.why.noTrace')}</p>
  const o = trace.outcome
  const failed = o.status === 'failed'
  return (
    <div className="ins-tab ins-why" data-testid="inspect-why">
      <h3 className="ins-h">{t('inspector.why.title')}</h3>
      <p className={failed ? 'ins-outcome ins-bad' : 'ins-outcome'}>
        {failed ? <>{t('inspector.why.failed')} <span data-i18n-skip="">{o.message}</span></> : list.length > 0 ? t('inspector.why.surprise') : t('inspector.why.nothing')}
      </p>
      {list.length > 0 && (
        <ol className="ins-causes">
          {list.map((e, i) => (
            <li key={`${e.title}-${i}`} className="ins-cause" data-testid="why-cause">
              <h4 data-i18n-skip="">{e.title}</h4>
              <p data-i18n-skip="">{e.explanation}</p>
              <p className="ins-fix"><strong>{t('inspector.why.fix')}</strong> <span data-i18n-skip="">{e.fix}</span></p>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export default memo(WhyTab)
