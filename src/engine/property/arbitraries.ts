/**
 * The property tests' generators, in one place. Each lives in a small module
 * named after what it generates:
 *
 * - texts.ts: any string (code points, graphemes, YAML-ish token soup);
 * - yamlDocuments.ts: YAML streams with anchors, aliases, tags, flow and block style;
 * - manifests.ts: structurally valid manifests of every kind with random field values;
 * - scenarioMutations.ts: the built-in lessons and challenges with a few edits;
 * - clusters.ts: small coherent clusters of independent documents;
 * - loops.ts: clusters that route in circles (Endpoints -> ClusterIPs and NodePorts, ExternalName cycles, Ingress -> its own controller);
 * - requests.ts, actions.ts: requests and runtime actions, resolved against a simulation.
 */
export { anyText, yamlishText } from './texts'
export { yamlStream, yamlDocumentNode, writeBlock, writeFlow, type YamlNode } from './yamlDocuments'
export { manifestObject, manifestText, hostileValue } from './manifests'
export { ALL_SCENARIOS, mutate, mutatedScenario, textMutation, type MutatedScenario, type TextMutation } from './scenarioMutations'
export { cluster, clusterPlan, clusterYaml, writeCluster, type ClusterPlan, type ClusterText } from './clusters'
export { loopingCluster, type LoopingCluster } from './loops'
export { requestRecipe, toRequest, type RequestRecipe } from './requests'
export { actionRecipe, toAction, type ActionRecipe } from './actions'
