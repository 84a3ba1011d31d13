/** `kubectl describe svc` for the selected Service, or the Service the shown request went to. */
import { memo, useMemo, useState } from 'react'
import { useAppStore } from '../../store'
import { selectSelection, selectShownSim, selectShownSpec, selectShownTrace } from '../../store/selectors'
import { fmt, S } from './strings'
import { parseSelection, type Ref } from './targets'
import TextDump from './TextDump'
import './inspect.css'

const key = (r: Ref): string => `${r.namespace}/${r.name}`

function DescribeTab() {
  const sim = useAppStore(selectShownSim)
  const selection = useAppStore(selectSelection)
  const spec = useAppStore(selectShownSpec)
  const trace = useAppStore(selectShownTrace)
  // A pick from the list holds until the selection or the request changes.
  const [picked, setPicked] = useState<{ selection: string | null; spec: unknown; ref: string } | null>(null)
  const sel = parseSelection(selection)
  const fromTrace = useMemo(() => (spec && trace ? sim.serviceOf(spec, trace) : undefined), [sim, spec, trace])
  const auto = sel?.kind === 'service' ? { namespace: sel.namespace, name: sel.name } : fromTrace
  const chosen = picked && picked.selection === selection && picked.spec === spec ? picked.ref : auto ? key(auto) : ''
  const [namespace, name] = chosen ? chosen.split('/') : ['', '']
  const text = useMemo(() => (name ? sim.describe('service', name, namespace) : ''), [sim, name, namespace])
  const services = useMemo(() => sim.services.map((s) => key(s)).sort(), [sim])
  return (
    <div className="ins-tab ins-describe" data-testid="inspect-describe">
      <div className="ins-toolbar">
        <label className="ins-field">
          <span>{S.describe.service}</span>
          <select value={chosen} onChange={(e) => setPicked({ selection, spec, ref: e.target.value })} data-testid="describe-service">
            {!chosen && <option value="">{S.describe.pick}</option>}
            {chosen && !services.includes(chosen) && <option value={chosen}>{chosen}</option>}
            {services.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
      </div>
      {name ? (
        <div className="ins-dumps">
          <TextDump prompt={fmt(S.describe.prompt, { name, namespace })} text={text} copyWhat="kubectl describe" testId="dump-describe" />
        </div>
      ) : (
        <p className="ins-empty">{S.describe.noService}</p>
      )}
    </div>
  )
}

export default memo(DescribeTab)
