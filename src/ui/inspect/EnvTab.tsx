/**
 * `env` in the selected pod (or the request's source pod), sorted the way
 * `env | sort` prints it in the C locale, with the variables the kubelet
 * made from Services highlighted.
 */
import { memo, useMemo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useAppStore } from '../../store'
import { selectSelection, selectShownSim, selectShownSpec } from '../../store/selectors'
import { targetPod } from './targets'
import { envPrompt } from './terminal'
import TextDump, { type LineMark } from './TextDump'
import './inspect.css'

/** Byte order, as `sort` compares in the C locale (names are ASCII). */
const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function EnvTab() {
  const { t } = useTranslation()
  const markLabels = useMemo<Partial<Record<LineMark, string>>>(() => ({ service: t('inspector.common.serviceVarMarker') }), [t])
  const sim = useAppStore(selectShownSim)
  const selection = useAppStore(selectSelection)
  const spec = useAppStore(selectShownSpec)
  const pod = targetPod(selection, spec)
  const ns = pod?.namespace ?? ''
  const name = pod?.name ?? ''
  const exists = sim.pods.some((p) => p.namespace === ns && p.name === name)
  const { text, marks } = useMemo(() => {
    if (!exists) return { text: '', marks: new Map<number, LineMark>() }
    const env = sim.envFor(name, ns)
    const fromServices = new Set(sim.serviceEnvNames(name, ns))
    const lines = Object.entries(env).map(([k, v]) => ({ k, line: `${k}=${v}` })).sort((a, b) => byBytes(a.line, b.line))
    const m = new Map<number, LineMark>()
    lines.forEach((l, i) => fromServices.has(l.k) && m.set(i, 'service'))
    return { text: `${lines.map((l) => l.line).join('\n')}\n`, marks: m }
  }, [sim, name, ns, exists])
  if (!pod) return <p className="ins-empty" data-testid="inspect-env">{t('inspector.env.noPod')}</p>
  if (!exists) return <p className="ins-empty" data-testid="inspect-env">{t('inspector.env.gone', { pod: `${ns}/${name}` })}</p>
  return (
    <div className="ins-tab ins-env" data-testid="inspect-env">
      <div className="ins-toolbar">
        <span className="ins-legend"><span className="ins-swatch ins-service" aria-hidden="true" />{t('inspector.env.legend')}</span>
      </div>
      <div className="ins-dumps">
        <TextDump prompt={envPrompt(name, ns)} text={text} marks={marks} markLabels={markLabels} copyWhat="env" testId="dump-env" />
      </div>
    </div>
  )
}

export default memo(EnvTab)
