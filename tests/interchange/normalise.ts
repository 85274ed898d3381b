/**
 * The documented normalisations of a FLINT JSON import → export round trip (docs/interchange.md),
 * applied to an original JSON value: the exporter's output must deep-equal this.
 * Written independently of the exporter so that the round-trip tests can fail.
 */
type J = unknown;
type O = Record<string, J>;

const isObj = (v: J): v is O => typeof v === 'object' && v !== null && !Array.isArray(v);

function bracket(kind: 'fact' | 'act' | 'duty', name: string): string {
  // A name that already carries brackets of its kind but not around it (e.g. a trailing newline) stays verbatim.
  if (kind === 'act') return /^<<.*>>$/.test(name) || name.includes('>>') ? name : `<<${name}>>`;
  if (kind === 'duty') return /^<[^<>]*>$/.test(name) ? name : `<${name}>`;
  return /[[\]]/.test(name) ? name : `[${name}]`;
}

/** An expression string or object as the exporter writes it back. */
export function normaliseExpr(e: J): J {
  if (typeof e === 'string') {
    if (e === '' || e === '[]') return '[]';
    if (/^<<.*>>$/.test(e) || /^<[^<>]*>$/.test(e)) return e;
    return bracket('fact', e);
  }
  if (!isObj(e)) return e;
  const op = e.expression;
  const out: O = { expression: op };
  switch (op) {
    case 'NOT':
      out.operand = normaliseExpr(e.operand);
      break;
    case 'LITERAL':
    case 'IS':
      out.operand = e.operand;
      break;
    case 'LIST':
      if (typeof e.name === 'string') out.name = e.name;
      out.items = normaliseExpr(e.items);
      break;
    case 'CREATE':
      out.operands = Array.isArray(e.operands) ? e.operands.map(normaliseExpr) : [];
      break;
    case 'PROJECTION':
      out.context = (e.context as string[]).map((c) => bracket('fact', /^\[[^[\]]*\]$/.test(c) ? c.slice(1, -1) : c));
      out.operand = normaliseExpr('operand' in e ? e.operand : e.fact);
      if (e.scope !== undefined && e.scope !== 'single') out.scope = e.scope;
      break;
    default:
      out.operands = (e.operands as J[]).map(normaliseExpr);
  }
  return out;
}

const noneToEmpty = (v: J): J => (v === undefined || v === null || v === '' || v === '[]' ? '' : normaliseExpr(v));

function frameName(kind: 'fact' | 'act' | 'duty', raw: J): string {
  const s = typeof raw === 'string' ? raw : '';
  if (kind === 'fact') return /^\[[^[\]]*\]$/.test(s) ? s : bracket('fact', s);
  return bracket(kind, s);
}

function nameList(v: J): J {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return v;
  return (v as string[]).map((x) =>
    x === '' ? '[]' : /^(<<.*>>|<[^<>]*>|\[[^[\]]*\])$/.test(x) ? x : bracket('fact', x),
  );
}

function sources(frame: O, dialect: 'sources' | 'reference', out: O): void {
  if (dialect === 'sources') out.sources = Array.isArray(frame.sources) ? frame.sources : [];
  for (const k of ['reference', 'version', 'juriconnect', 'sourcetext'])
    if (typeof frame[k] === 'string') out[k] = frame[k];
}

function rest(frame: O, known: string[], out: O): O {
  for (const [k, v] of Object.entries(frame)) if (!known.includes(k) && !(k in out)) out[k] = v;
  return out;
}

const DOC = ['sources', 'reference', 'version', 'juriconnect', 'sourcetext', 'explanation'];

/** The FLINT JSON model `raw` with every documented import/export normalisation applied. */
export function normaliseModel(raw: O, dialect: 'sources' | 'reference'): O {
  const out: O = {};
  if (typeof raw.model === 'string' && raw.model !== '') out.model = raw.model;
  out.acts = (raw.acts as O[]).map((a) => {
    const o: O = { act: frameName('act', a.act), actor: noneToEmpty(a.actor) };
    if (typeof a.action === 'string') o.action = a.action;
    o.object = noneToEmpty(a.object);
    o.recipient = noneToEmpty(a.recipient);
    o.preconditions = noneToEmpty(a.preconditions);
    o.create = nameList(a.create);
    o.terminate = nameList(a.terminate);
    sources(a, dialect, o);
    if (typeof a.explanation === 'string') o.explanation = a.explanation;
    return rest(
      a,
      ['act', 'actor', 'action', 'object', 'recipient', 'preconditions', 'create', 'terminate', ...DOC],
      o,
    );
  });
  out.facts = (raw.facts as O[]).map((f) => {
    const fn = f.function;
    const o: O = {
      fact: frameName('fact', f.fact),
      function: fn === undefined || fn === null || fn === '' ? '[]' : normaliseExpr(fn),
    };
    sources(f, dialect, o);
    if (typeof f.explanation === 'string') o.explanation = f.explanation;
    return rest(f, ['fact', 'function', ...DOC], o);
  });
  out.duties = (raw.duties as O[]).map((d) => {
    const o: O = { duty: frameName('duty', d.duty), 'duty-holder': noneToEmpty(d['duty-holder']) };
    const claimant = d.claimant;
    if (!(claimant === undefined || claimant === null || claimant === '' || claimant === '[]'))
      o.claimant = normaliseExpr(claimant);
    for (const k of ['create', 'enforce', 'terminate']) {
      const v = d[k];
      if (typeof v === 'string' || (Array.isArray(v) && v.length > 0)) o[k] = v;
    }
    const dc = d['duty-components'];
    o['duty-components'] =
      typeof dc === 'string' ? (dc === '' ? '' : dc) : Array.isArray(dc) ? dc.map(normaliseExpr) : [];
    sources(d, dialect, o);
    if (typeof d.explanation === 'string') o.explanation = d.explanation;
    return rest(d, ['duty', 'duty-holder', 'claimant', 'create', 'enforce', 'terminate', 'duty-components', ...DOC], o);
  });
  return rest(raw, ['model', 'acts', 'facts', 'duties'], out);
}
