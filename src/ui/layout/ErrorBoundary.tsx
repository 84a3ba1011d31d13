/**
 * Keeps a failing part of the page from taking the rest down: when the
 * graph or the inspector throws while rendering, the editor and the text
 * stay usable, and the failed area says what happened and offers a retry.
 * A new engine result (resetKey) also retries: the next edit may fix it.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { useTranslation } from '../../i18n/useTranslation'
import { useAppStore } from '../../store'
import { selectEngineResult } from '../../store/selectors'

interface Props {
  /** Which part of the page this guards, shown to the user ("graph", "inspector"). */
  area: 'graph' | 'inspector' | 'trace' | 'lesson'
  /** When this changes the boundary tries to render its children again. */
  resetKey?: unknown
  children: ReactNode
}

interface State {
  error: Error | null
  resetKey: unknown
}

export default class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: null }
    return null
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // The message is on screen; the stack is for whoever files the bug.
    console.error(`[${this.props.area}] render failed:`, error, info.componentStack)
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children
    return <RenderFailure area={this.props.area} message={this.state.error.message} onRetry={() => this.setState({ error: null })} />
  }
}

/**
 * An ErrorBoundary that retries on every new engine result. It reads the
 * result itself, so a new one re-renders only this boundary (its children
 * are the same elements and are left alone), not the page around it.
 */
export function EngineErrorBoundary({ area, children }: Omit<Props, 'resetKey'>) {
  const engineResult = useAppStore(selectEngineResult)
  return <ErrorBoundary area={area} resetKey={engineResult}>{children}</ErrorBoundary>
}

function RenderFailure({ area, message, onRetry }: { area: Props['area']; message: string; onRetry(): void }) {
  const { t } = useTranslation()
  return (
    <div className="render-failure" role="alert" data-testid={`render-failure-${area}`}>
      <strong>{t(`failure.title.${area}`)}</strong>
      <p>{t('failure.body')}</p>
      <pre className="render-failure-message">{message}</pre>
      <button type="button" onClick={onRetry}>{t('failure.retry')}</button>
    </div>
  )
}
