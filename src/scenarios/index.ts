/** Built-in scenarios: YAML files shipped with the app. */
import kubia from './kubia.yaml?raw'

export const DEFAULT_SCENARIO = kubia
