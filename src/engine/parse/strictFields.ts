/** kubectl's strict decoding: an unknown field is refused. Filled in from the generated field tree. */
import type { ReadContext } from '../objects/context'
import type { SimulatedKind } from '../objects/kinds'

export function checkUnknownFields(_ctx: ReadContext, _kind: SimulatedKind, _legacy: boolean): void {
  // replaced once the generated field tree lands
}
