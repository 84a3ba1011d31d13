/**
 * Kernel conformance (issue 6): `npm run test:kernel`. Rebuilds each scenario's
 * cluster as Linux network namespaces with the engine's own iptables rules and
 * checks that real TCP connections end where the engine's traces say.
 * Skips (one line, exit 0) where root, ip netns, iptables or socat are missing.
 */
import { expect, test } from 'vitest'
import { allScenarios, report, runAll } from './run'

test('the kernel does what the engine says', async (ctx) => {
  const n = Number(process.env.KSP_GENERATED ?? '')
  const summary = await runAll(allScenarios(Number.isInteger(n) && n >= 0 && process.env.KSP_GENERATED ? n : undefined))
  const { text, failed } = report(summary)
  console.log(text)
  if (summary.skipped) {
    ctx.skip()
    return
  }
  expect(failed, 'mismatches between the engine and the kernel (details above and in reports/kernel-mismatches.txt)').toBe(0)
})
