/**
 * The inspector's tabs, for the bottom panel: their buttons' labels and what
 * each shows. The tabs' bodies load when first opened (the first paint shows
 * the pods table, not the inspector).
 */
import { lazy, Suspense } from 'react'
import type { BottomTab } from '../../store'

const DescribeTab = lazy(() => import('./DescribeTab'))
const DetailsTab = lazy(() => import('./DetailsTab'))
const DnsTab = lazy(() => import('./DnsTab'))
const EnvTab = lazy(() => import('./EnvTab'))
const RulesTab = lazy(() => import('./RulesTab'))
const WhyTab = lazy(() => import('./WhyTab'))

export type InspectTab = Extract<BottomTab, 'details' | 'rules' | 'dns' | 'env' | 'describe' | 'why'>

/** In order; each tab's title is `inspector.tabs.<tab>` in the strings (the Why? tab also has a hint, `whyTitle`). */
export const INSPECT_TABS: InspectTab[] = ['details', 'rules', 'dns', 'env', 'describe', 'why']

export function isInspectTab(tab: BottomTab): tab is InspectTab {
  return (INSPECT_TABS as BottomTab[]).includes(tab)
}

export function InspectorBody({ tab }: { tab: InspectTab }) {
  return <Suspense fallback={null}><TabBody tab={tab} /></Suspense>
}

function TabBody({ tab }: { tab: InspectTab }) {
  switch (tab) {
    case 'details': return <DetailsTab />
    case 'rules': return <RulesTab />
    case 'dns': return <DnsTab />
    case 'env': return <EnvTab />
    case 'describe': return <DescribeTab />
    case 'why': return <WhyTab />
  }
}
