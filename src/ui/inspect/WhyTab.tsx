/** "Why did this fail?": the engine's explanation of the shown trace, cause by cause, each with a fix. */
import { memo, useMemo } from 'react'
import { useAppStore } from '../../store'
import { selectShownSim, selectShownSpec, selectShownTrace } from '../../store/selectors'
import { fmt, S } from './strings'
import './inspect.css'

function WhyTab() {
  const sim = useAppStore(selectShownSim)
  const spec = useAppStore(selectShownSpec)
  const trace = useAppStore(selectShownTrace)
  const list = useMemo(() => (spec && trace ? sim.explain(spec, trace) : []), [sim, spec, trace])
  if (!spec || !trace) return <p className="ins-empty" data-testid="inspect-why">{S.why.noTrace}</p>
  const o = trace.outcome
  const failed = o.status === 'failed'
  return (
    <div className="ins-tab ins-why" data-testid="inspect-why">
      <h3 className="ins-h">{S.why.title}</h3>
      <p className={failed ? 'ins-outcome ins-bad' : 'ins-outcome'}>
        {failed ? fmt(S.why.failed, { message: o.message }) : list.length > 0 ? S.why.surprise : S.why.nothing}
      </p>
      {list.length > 0 && (
        <ol className="ins-causes">
          {list.map((e, i) => (
            <li key={`${e.title}-${i}`} className="ins-cause" data-testid="why-cause">
              <h4>{e.title}</h4>
              <p>{e.explanation}</p>
              <p className="ins-fix"><strong>{S.why.fix}</strong> {e.fix}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export default memo(WhyTab)
