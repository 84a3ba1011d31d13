/** Player icons as inline SVG: the icon glyphs are missing from many system fonts. */
const common = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const

export const PlayIcon = () => <svg {...common}><path d="M4 2.5v11l9-5.5z" fill="currentColor" /></svg>
export const PauseIcon = () => <svg {...common}><path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" fill="currentColor" /></svg>
export const BackIcon = () => <svg {...common}><path d="M3 2.5h2v11H3zM14 2.5v11L6 8z" fill="currentColor" /></svg>
export const ForwardIcon = () => <svg {...common}><path d="M11 2.5h2v11h-2zM2 2.5v11L10 8z" fill="currentColor" /></svg>
export const ReplayIcon = () => <svg {...common}><path d="M8 2.5a5.5 5.5 0 1 1-5.2 3.7l1.9.7A3.5 3.5 0 1 0 8 4.5V7L4 3.5 8 0z" fill="currentColor" /></svg>
