/** The inspector's tabs, for the bottom panel: their buttons' labels and what each shows. */
import type { BottomTab } from '../../store'
import DescribeTab from './DescribeTab'
import DetailsTab from './DetailsTab'
import DnsTab from './DnsTab'
import EnvTab from './EnvTab'
import RulesTab from './RulesTab'
import { S } from './strings'
import WhyTab from './WhyTab'

export type InspectTab = Extract<BottomTab, 'details' | 'rules' | 'dns' | 'env' | 'describe' | 'why'>

export const INSPECT_TABS: { tab: InspectTab; title: string; hint?: string }[] = [
  { tab: 'details', title: S.tabs.details },
  { tab: 'rules', title: S.tabs.rules },
  { tab: 'dns', title: S.tabs.dns },
  { tab: 'env', title: S.tabs.env },
  { tab: 'describe', title: S.tabs.describe },
  { tab: 'why', title: S.tabs.why, hint: S.tabs.whyTitle },
]

export function isInspectTab(tab: BottomTab): tab is InspectTab {
  return INSPECT_TABS.some((t) => t.tab === tab)
}

export function InspectorBody({ tab }: { tab: InspectTab }) {
  switch (tab) {
    case 'details': return <DetailsTab />
    case 'rules': return <RulesTab />
    case 'dns': return <DnsTab />
    case 'env': return <EnvTab />
    case 'describe': return <DescribeTab />
    case 'why': return <WhyTab />
  }
}
