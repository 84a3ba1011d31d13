/** `kubectl describe svc` for the selected Service, or the Service the shown request went to. */
import { memo, useMemo, useState } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useAppStore } from '../../store'
import { selectSelection, selectShownSim, selectShownSpec, selectShownTrace } from '../../store/selectors'
import { parseSelection, type Ref } from './targets'
import { describePrompt } from './terminal'
import TextDump from './TextDump'
import './inspect.css'

const key = (r: Ref): string => `${r.namespace}/${r.name}`

function DescribeTab() {
  const { t } = useTranslation()
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
          <span>{t('inspector.describe.service')}</span>
          <select value={chosen} onChange={(e) => setPicked({ selection, spec, ref: e.target.value })} data-testid="describe-service">
            {!chosen && <option value="">{t('inspector.describe.pick')}</option>}
            {chosen && !services.includes(chosen) && <option value={chosen} data-i18n-skip="">{chosen}</option>}
            {services.map((s) => <option key={s} value={s} data-i18n-skip="">{s}</option>)}
          </select>
        </label>
      </div>
      {name ? (
        <div className="ins-dumps">
          <TextDump prompt={describePrompt(name, namespace)} text={text} copyWhat="kubectl describe" testId="dump-describe" />
        </div>
      ) : (
        <p className="ins-empty">{t('inspector.describe.noService')}</p>
      )}
    </div>
  )
}

export default memo(DescribeTab)
