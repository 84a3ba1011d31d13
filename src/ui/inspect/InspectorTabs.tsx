/** The inspector's tabs, for the bottom panel: their buttons' labels and what each shows. */
import type { BottomTab } from '../../store'
import DescribeTab from './DescribeTab'
import DetailsTab from './DetailsTab'
import DnsTab from './DnsTab'
import EnvTab from './EnvTab'
import RulesTab from './RulesTab'
import WhyTab from './WhyTab'

export type InspectTab = Extract<BottomTab, 'details' | 'rules' | 'dns' | 'env' | 'describe' | 'why'>

/** In order; each tab's title is `inspector.tabs.<tab>` in the strings (the Why? tab also has a hint, `whyTitle`). */
export const INSPECT_TABS: InspectTab[] = ['details', 'rules', 'dns', 'env', 'describe', 'why']

export function isInspectTab(tab: BottomTab): tab is InspectTab {
  return (INSPECT_TABS as BottomTab[]).includes(tab)
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
