/**
 * The derivation tree of a trace as a WAI-ARIA tree: arrow keys move between visible nodes, Right
 * opens a node or moves to its first child, Left closes it or moves to its parent, Home and End go
 * to the first and last node, Enter or Space select a node (its deep link: #/decision/<id>/node/<path>).
 * Each node shows its expression, value, the frame and the article it rests on, and the facts it
 * read with their provenance.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FactRead, TraceEntry, TraceNode } from '../../../src/model/trace.js';
import { useApp } from '../context.js';
import { href } from '../route.js';
import { ValueBadge, valueText } from './common.js';

const childPath = (p: string, i: number): string => `${p}.${i}`;

/** The nodes on the way to `path` (`0.2.1` → 0, 0.2, 0.2.1). */
function ancestors(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

export function TraceTree(props: { entry: TraceEntry; decisionId: string; selected: string | null }) {
  const { t } = useApp();
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => new Set(['0', ...failingPaths(props.entry.check), ...ancestors(props.selected ?? '0')]),
  );
  const [focus, setFocus] = useState(props.selected ?? '0');
  const tree = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.selected === null) return;
    setOpen((o) => new Set([...o, ...ancestors(props.selected as string).slice(0, -1)]));
    setFocus(props.selected);
  }, [props.selected]);

  const all = (): string[] => {
    const out: string[] = [];
    const walk = (n: TraceNode, p: string): void => {
      out.push(p);
      for (const [i, c] of n.children.entries()) walk(c, childPath(p, i));
    };
    walk(props.entry.check, '0');
    return out;
  };
  const nodeAt = (path: string): TraceNode | null => {
    let n: TraceNode | undefined = props.entry.check;
    for (const i of path.split('.').slice(1)) n = n?.children[Number(i)];
    return n ?? null;
  };
  const toggle = (p: string, to?: boolean): void => {
    const next = new Set(open);
    if (to ?? !next.has(p)) next.add(p);
    else next.delete(p);
    setOpen(next);
  };
  const moveFocus = (p: string): void => {
    setFocus(p);
    tree.current?.querySelector<HTMLElement>(`[data-path="${p}"]`)?.focus();
  };
  const select = (p: string): void => {
    location.hash = href({ view: 'decision', id: props.decisionId, node: p });
  };
  const onKey = (e: KeyboardEvent): void => {
    const items = [...(tree.current?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [])].map(
      (el) => el.dataset.path as string,
    );
    const i = items.indexOf(focus);
    const node = nodeAt(focus);
    const hasKids = (node?.children.length ?? 0) > 0;
    switch (e.key) {
      case 'ArrowDown':
        if (i < items.length - 1) moveFocus(items[i + 1] as string);
        break;
      case 'ArrowUp':
        if (i > 0) moveFocus(items[i - 1] as string);
        break;
      case 'ArrowRight':
        if (hasKids && !open.has(focus)) toggle(focus, true);
        else if (hasKids) moveFocus(childPath(focus, 0));
        break;
      case 'ArrowLeft':
        if (hasKids && open.has(focus)) toggle(focus, false);
        else if (focus.includes('.')) moveFocus(focus.slice(0, focus.lastIndexOf('.')));
        break;
      case 'Home':
        moveFocus('0');
        break;
      case 'End':
        moveFocus(items[items.length - 1] as string);
        break;
      case 'Enter':
      case ' ':
        select(focus);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const render = (n: TraceNode, path: string, level: number) => {
    const kids = n.children.length > 0;
    const isOpen = open.has(path);
    const frame = n.frame !== undefined ? props.entry.frames[n.frame] : undefined;
    const labelId = `tn-${path}`;
    const meta = frame !== undefined || (n.reads ?? []).length > 0;
    return (
      // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles the keys (arrows, Enter, Space) of its items
      <div
        key={path}
        role="treeitem"
        aria-level={level}
        aria-expanded={kids ? isOpen : undefined}
        aria-selected={props.selected === path}
        aria-labelledby={labelId}
        // The frame line and the reads describe the node; they are not its name (WCAG 2.5.3).
        aria-describedby={meta ? `${labelId}-meta` : undefined}
        tabIndex={focus === path ? 0 : -1}
        data-path={path}
        class={`tn${props.selected === path ? ' selected' : ''}`}
        onClick={(e) => {
          e.stopPropagation();
          setFocus(path);
          if (kids) toggle(path);
          select(path);
        }}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setFocus(path);
        }}
      >
        <div class="tn-row">
          <span class="twisty" aria-hidden="true">
            {kids ? (isOpen ? '▾' : '▸') : '·'}
          </span>
          <span id={labelId} class="tn-label">
            <span class="tn-kind">{n.kind}</span> <code>{n.expr}</code> <ValueBadge value={n.value} />
            <span class="visually-hidden">
              {' '}
              {t.node} {path}
            </span>
          </span>
        </div>
        {meta && (
          <div class="tn-meta small" id={`${labelId}-meta`}>
            {frame && (
              <span>
                {frame.kind === 'act'
                  ? `<<${frame.name}>>`
                  : frame.kind === 'duty'
                    ? `<${frame.name}>`
                    : `[${frame.name}]`}
                {frame.sources.length > 0 && ` · ${frame.sources.map((s) => s.citation ?? s.id).join('; ')}`}
                {frame.at && ` · ${t.at} ${frame.at}`}
              </span>
            )}
            {(n.reads ?? []).length > 0 && (
              <ul class="reads" aria-label={t.reads}>
                {(n.reads ?? []).map((r, i) => (
                  <li key={i}>{readText(r, t)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {kids && isOpen && (
          // biome-ignore lint/a11y/useSemanticElements: a tree's group of child items (WAI-ARIA tree), not a fieldset
          <div role="group">{n.children.map((c, i) => render(c, childPath(path, i), level + 1))}</div>
        )}
      </div>
    );
  };

  return (
    <div>
      <div class="tree-tools">
        <button type="button" onClick={() => setOpen(new Set(all()))}>
          {t.expandAll}
        </button>
        <button type="button" onClick={() => setOpen(new Set(['0']))}>
          {t.collapseAll}
        </button>
      </div>
      <div role="tree" aria-labelledby="trace-h" class="tree" ref={tree} onKeyDown={onKey} tabIndex={-1}>
        {render(props.entry.check, '0', 1)}
      </div>
    </div>
  );
}

/** The nodes to open at first: those that failed (false or unknown) down to where they fail, 4 levels at most. */
function failingPaths(root: TraceNode): string[] {
  const out: string[] = [];
  const failed = (n: TraceNode): boolean =>
    n.value.type === 'unknown' || (n.value.type === 'boolean' && !n.value.value);
  const walk = (n: TraceNode, p: string, depth: number): void => {
    if (depth >= 4 || !failed(n)) return;
    out.push(p);
    for (const [i, c] of n.children.entries()) walk(c, childPath(p, i), depth + 1);
  };
  walk(root, '0', 0);
  return out;
}

function readText(r: FactRead, t: ReturnType<typeof useApp>['t']): string {
  const p = r.provenance;
  const prov =
    p === null
      ? ''
      : p.kind === 'given'
        ? ` (${t.provenance.given}${p.by ? ` ${t.by} ${p.by}` : ''} ${t.at} ${p.at})`
        : p.kind === 'created'
          ? ` (${t.provenance.created} ${p.record} ${t.at} ${p.at})`
          : p.kind === 'derived'
            ? ` (${t.provenance.derived} [${p.frame}])`
            : ` (${t.provenance.role} ${p.actor})`;
  return `[${r.fact}](${r.args.join(', ')}) = ${valueText(r.value, t.value)}${prov}`;
}
