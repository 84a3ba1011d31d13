/** Share: the link (copied), its QR code for the projector, and the scenario as a .yaml file. */
import { memo, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import '../../i18n/classroomStrings'
import qrcode from 'qrcode-generator'
import { useAppStore } from '../../store'
import { encodeShare } from '../../share/shareLink'
import { MAX_FILE_BYTES, readScenarioFile, toScenarioFile, type FileRefusal } from './scenarioFile'

/** A version-40 QR code at error level L holds 2,953 bytes. */
const QR_MAX = 2953

function QrCode({ text, label }: { text: string; label: string }) {
  const svg = useMemo(() => {
    const qr = qrcode(0, 'L')
    qr.addData(text, 'Byte')
    qr.make()
    return qr.createSvgTag({ cellSize: 3, margin: 2, scalable: true })
  }, [text])
  // createSvgTag builds the SVG from the link's bits only: no user text is inserted as markup.
  return <div className="qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} data-testid="share-qr" />
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

function ShareDialog() {
  const { t } = useTranslation()
  const [link, setLink] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const sharedScenario = useAppStore((s) => s.sharedScenario)
  const open = (): void => {
    const url = `${location.origin}${location.pathname}${location.search}${encodeShare(sharedScenario())}`
    history.replaceState(null, '', url)
    setLink(url)
    setCopied(false)
    void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))
  }
  const exportFile = (): void => {
    const st = useAppStore.getState()
    download(`${st.scenarioId ?? 'cluster'}.yaml`, toScenarioFile(st.yaml, { seed: st.seed, proxyMode: st.proxyMode, actions: st.actions, scenarioId: st.scenarioId ?? undefined }))
  }
  const refusals: Record<FileRefusal, string> = {
    'too-large': t('classroom.share.fileTooBig'),
    'not-text': t('classroom.share.fileNotText'),
    empty: t('classroom.share.fileEmpty'),
  }
  const importFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0]
    e.target.value = ''
    if (!file) return
    // The size first: a huge file is refused before it is read into memory.
    if (file.size > MAX_FILE_BYTES) {
      setError(refusals['too-large'])
      return
    }
    file.arrayBuffer().then((buffer) => {
      const read = readScenarioFile(new Uint8Array(buffer))
      if (!read.ok) {
        setError(refusals[read.reason])
        return
      }
      const { yaml, state } = read
      const st = useAppStore.getState()
      useAppStore.setState({ seed: state.seed ?? 1, proxyMode: state.proxyMode, scenarioId: state.scenarioId ?? null, sent: [], history: [] })
      st.replaceYaml(yaml, { actions: state.actions ?? [] })
      setError(null)
      setLink(null)
    }, () => setError(t('classroom.share.fileUnreadable')))
  }
  return (
    <>
      <button type="button" onClick={open} data-testid="share">{t('classroom.share.button')}</button>
      <button type="button" onClick={() => fileInput.current?.click()} data-testid="import-yaml">{t('classroom.share.import')}</button>
      <input ref={fileInput} type="file" accept=".yaml,.yml,text/yaml" onChange={importFile} hidden data-testid="import-file" />
      {error && <div className="toast error" role="alert" onClick={() => setError(null)} data-testid="import-error">{error}</div>}
      {link && (
        <div className="modal-backdrop" onClick={() => setLink(null)}>
          <div className="modal" role="dialog" aria-modal="true" aria-label={t('classroom.share.title')} onClick={(e) => e.stopPropagation()} data-testid="share-dialog">
            <h2>{t('classroom.share.title')}</h2>
            <p className="muted">{t('classroom.share.explain')}</p>
            <div className="link-row">
              <input readOnly value={link} className="mono" aria-label={t('classroom.share.title')} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}>{copied ? t('classroom.share.copied') : t('classroom.share.copy')}</button>
            </div>
            {link.length <= QR_MAX ? <QrCode text={link} label={t('classroom.share.qr')} /> : <p className="warn" data-testid="share-too-long">{t('classroom.share.tooLong', { length: link.length })}</p>}
            <div className="buttons">
              <button type="button" onClick={exportFile} data-testid="export-yaml">{t('classroom.share.download')}</button>
              <button type="button" className="primary" onClick={() => setLink(null)}>{t('classroom.close')}</button>
            </div>
          </div>
        </div>
      )}
    </>
  )
}

export default memo(ShareDialog)
