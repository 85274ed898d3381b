import { hasErrors } from '../../model/diagnostic.js';
import { toDot, toGraph, toGraphml, toJson, toMermaid } from '../../graph/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { loadModelFile, renderLoaded } from '../load.js';

const HELP = `Usage: flint graph FILE [--format dot|mermaid|graphml|json] [-o OUT]

Print the model graph: acts, facts, duties and sources as nodes; requires, derives, creates,
terminates, enforces and rests-on as edges. Default format: dot (Graphviz).
`;

/** `flint graph`: the model graph in a diagram or interchange format. */
export const graphCommand: Command = {
  name: 'graph',
  summary: 'print the model graph (dot, mermaid, graphml, json)',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
    });
    if (!parsed.ok) return usageError(io, 'graph', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(parsed.values.format, ['dot', 'mermaid', 'graphml', 'json'] as const, 'format', 'dot');
    if (typeof format === 'object') return usageError(io, 'graph', format.error);
    if (parsed.positionals.length !== 1) return usageError(io, 'graph', 'give exactly one model file.');
    const loaded = loadModelFile(parsed.positionals[0] as string, io);
    if (hasErrors(loaded.diagnostics) || !loaded.checked) {
      io.stderr(renderLoaded(loaded.diagnostics, loaded.texts, io));
      return EXIT_ERRORS;
    }
    const graph = toGraph(loaded.checked);
    const render = { dot: toDot, mermaid: toMermaid, graphml: toGraphml, json: toJson }[format];
    const text = render(graph);
    if (typeof parsed.values.output === 'string') io.writeFile(parsed.values.output, text);
    else io.stdout(text.endsWith('\n') ? text : text + '\n');
    return EXIT_OK;
  },
};
