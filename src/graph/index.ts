/**
 * The model graph (graphology), its queries and its text renderings.
 */
export { nodeKey, toGraph } from './graph.js';
export type { EdgeAttributes, EdgeType, ModelGraph, ModelGraph as Graph, NodeAttributes, NodeKind } from './graph.js';
export { creatorsOf, impactOf, planActs, frameSources } from './queries.js';
export type { ActPlan, ActPlanOptions } from './queries.js';
export { toDot, toGraphml, toJson, toMermaid } from './render.js';
