/** The built-in lessons and challenges: one click loads one. */
import { memo, useState } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import '../../i18n/classroomStrings'
import { CHALLENGES, SCENARIOS, type Scenario } from '../../scenarios'
import { useAppStore } from '../../store'

function Entry({ s, lang, solved, onPick }: { s: Scenario; lang: 'en' | 'ko'; solved: boolean; onPick(id: string): void }) {
  return (
    <li>
      <button type="button" onClick={() => onPick(s.id)} data-testid={`scenario-${s.id}`}>
        <span className="title">{s.title[lang]}{solved && <span className="solved" aria-hidden="true"> ✓</span>}</span>
        <span className="summary">{s.summary[lang]}</span>
      </button>
    </li>
  )
}

function ScenarioPicker() {
  const { t, language: lang } = useTranslation()
  const [open, setOpen] = useState(false)
  const loadScenario = useAppStore((s) => s.loadScenario)
  const solved = useAppStore((s) => s.solved)
  const pick = (id: string): void => {
    loadScenario(id)
    setOpen(false)
  }
  return (
    <div className="scenario-picker">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="open-scenarios">{t('classroom.scenarios')}</button>
      {open && (
        <div className="picker-popover" role="dialog" aria-label={t('classroom.scenarios')} data-testid="scenario-list">
          <div className="picker-head">
            <h2>{t('classroom.lessons')}</h2>
            <button type="button" onClick={() => setOpen(false)}>{t('classroom.close')}</button>
          </div>
          <ol>{SCENARIOS.map((s) => <Entry key={s.id} s={s} lang={lang} solved={false} onPick={pick} />)}</ol>
          <h2>{t('classroom.challenges')}</h2>
          <ol>{CHALLENGES.map((s) => <Entry key={s.id} s={s} lang={lang} solved={solved.includes(s.id)} onPick={pick} />)}</ol>
        </div>
      )}
    </div>
  )
}

export default memo(ScenarioPicker)
