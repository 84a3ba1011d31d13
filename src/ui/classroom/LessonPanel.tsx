/** The lesson beside the graph: what to do, what to watch, why; or a challenge's goal and its check. */
import { memo } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import '../../i18n/classroomStrings'
import { useShallow } from 'zustand/react/shallow'
import { describeGoal, scenarioById } from '../../scenarios'
import { useAppStore } from '../../store'

function LessonPanel() {
  const { t, language: lang } = useTranslation()
  const id = useAppStore((s) => s.scenarioId)
  const step = useAppStore((s) => s.lessonStep)
  const report = useAppStore((s) => s.challengeReport)
  const a = useAppStore(useShallow((s) => ({ setStep: s.setLessonStep, doStep: s.doLessonStep, check: s.checkChallenge, reset: s.resetScenario })))
  const scenario = id ? scenarioById(id) : undefined
  if (!scenario) return null
  const current = scenario.lesson[step]
  const text = current?.[lang]
  const canDo = !!(current?.action || current?.patch || current?.proxyMode)
  return (
    <section className="lesson" aria-label={scenario.title[lang]} data-testid="lesson">
      <div className="lesson-head">
        <h2>{scenario.title[lang]}</h2>
        <button type="button" onClick={a.reset} title={t('classroom.resetTitle')} data-testid="reset-scenario">{t('classroom.reset')}</button>
      </div>
      {scenario.goal && (
        <div className="challenge">
          <h3>{t('classroom.challenge.goal')}</h3>
          <ul>{scenario.goal.map((g, i) => <li key={i}>{describeGoal(g)[lang]}</li>)}</ul>
          <button type="button" className="primary" onClick={a.check} data-testid="check-challenge">{t('classroom.challenge.check')}</button>
          {report && (
            <div className={`report ${report.passed ? 'passed' : 'failed'}`} role="status" data-testid="challenge-report">
              {report.passed ? t('classroom.challenge.passed') : (
                <>
                  <p>{t('classroom.challenge.failed')}</p>
                  <ul>{report.results.filter((r) => !r.passed).map((r, i) => <li key={i}>{r.detail[lang]}</li>)}</ul>
                  {scenario.hint && <p><b>{t('classroom.challenge.hint')}:</b> {scenario.hint[lang]}</p>}
                </>
              )}
            </div>
          )}
        </div>
      )}
      {text && (
        <div className="lesson-step" data-testid="lesson-step">
          <p className="step-no">{t('classroom.lesson.step', { n: step + 1, total: scenario.lesson.length })}</p>
          <p><b>{t('classroom.lesson.do')}</b> {text.do}</p>
          <p><b>{t('classroom.lesson.watch')}</b> {text.watch}</p>
          <p><b>{t('classroom.lesson.why')}</b> {text.why}</p>
          <div className="buttons">
            <button type="button" onClick={() => a.setStep(step - 1)} disabled={step === 0} data-testid="lesson-prev">{t('classroom.lesson.previous')}</button>
            {canDo && <button type="button" onClick={a.doStep} data-testid="lesson-do">{t('classroom.lesson.doIt')}</button>}
            <button type="button" onClick={() => a.setStep(step + 1)} disabled={step >= scenario.lesson.length - 1} data-testid="lesson-next">{t('classroom.lesson.next')}</button>
          </div>
        </div>
      )}
    </section>
  )
}

export default memo(LessonPanel)
