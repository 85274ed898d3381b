import type { CommandEntry } from '../command.js';

/**
 * Every command, in the order `flint --help` lists them. A command's module (and what it needs: the parser, the
 * engine) is loaded only when that command runs, so `flint --help` starts fast.
 */
export const commands: readonly CommandEntry[] = [
  {
    name: 'check',
    summary: 'check models and print diagnostics',
    load: async () => (await import('./check.js')).checkCommand,
  },
  { name: 'fmt', summary: 'format .flint files canonically', load: async () => (await import('./fmt.js')).fmtCommand },
  {
    name: 'convert',
    summary: 'convert between .flint and FLINT JSON',
    load: async () => (await import('./convert.js')).convertCommand,
  },
  {
    name: 'graph',
    summary: 'print the model graph (dot, mermaid, graphml, json)',
    load: async () => (await import('./graph.js')).graphCommand,
  },
  {
    name: 'sources',
    summary: 'list the legal sources a frame rests on',
    load: async () => (await import('./sources.js')).sourcesCommand,
  },
  {
    name: 'register',
    summary: 'write a draft Algoritmeregister entry for a model (json, md)',
    load: async () => (await import('./register.js')).registerCommand,
  },
  {
    name: 'plan',
    summary: 'find a shortest sequence of acts that makes a fact hold',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'run',
    summary: 'decide a case: take its acts and print the outcome with its legal trail',
    load: async () => (await import('./run.js')).runCommand,
  },
  {
    name: 'explain',
    summary: 'run a case and explain why a fact holds or why an act is (not) available',
    load: async () => (await import('./explain.js')).explainCommand,
  },
  {
    name: 'test',
    summary: 'run the scenarios in .flint files, with coverage',
    load: async () => (await import('./test.js')).testCommand,
  },
  {
    name: 'batch',
    summary: 'decide a JSONL file of cases (outcomes, optional traces) on every core or on a queue',
    load: async () => (await import('./batch.js')).batchCommand,
  },
  {
    name: 'serve',
    summary: 'run the decision service (HTTP API over a case and trace store)',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'store',
    summary: 'verify the hash chains of a decision store',
    load: async () => (await import('./store.js')).storeCommand,
  },
  {
    name: 'worker',
    summary: 'decide the chunks of queued batches (flint batch --queue) from a BullMQ queue',
    load: async () => (await import('./worker.js')).workerCommand,
  },
  {
    name: 'conformance',
    summary: 'replay conformance scenarios of a peer interpreter (discipl)',
    load: async () => (await import('./conformance.js')).conformanceCommand,
  },
];
