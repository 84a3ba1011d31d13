/**
 * The YAML the playground opens with (Kubernetes in Action's kubia, chapter 5),
 * on its own so the first paint does not load the whole scenario library.
 */
import kubia from './kubia.yaml?raw'

export const DEFAULT_SCENARIO: string = kubia
