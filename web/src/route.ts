/**
 * Deep links: every view is a hash route, so a link to a frame, a case, an event, a decision or a
 * trace node can be shared and works the same served or opened from disk.
 *
 *   #/                                   start
 *   #/model/<id>[/frame/<kind:name>]     model graph, a frame's panel
 *   #/case/<id>[/event/<seq>]            case timeline, the state after an event
 *   #/decision/<id>[/node/<path>]        decision (path: child indexes from the root, `0.2.1`)
 *
 * Opened files use the model id `local` and decision ids `local-<n>`.
 */
export type Route =
  | { readonly view: 'home' }
  | { readonly view: 'model'; readonly id: string; readonly frame: string | null }
  | { readonly view: 'case'; readonly id: string; readonly event: number | null }
  | { readonly view: 'decision'; readonly id: string; readonly node: string | null };

const dec = (s: string | undefined): string => {
  try {
    return decodeURIComponent(s ?? '');
  } catch {
    return s ?? '';
  }
};

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [view, id, sub, arg] = parts;
  if (view === 'model' && id) return { view, id: dec(id), frame: sub === 'frame' && arg ? dec(arg) : null };
  if (view === 'case' && id) {
    const n = sub === 'event' ? Number(arg) : Number.NaN;
    return { view, id: dec(id), event: Number.isInteger(n) && n > 0 ? n : null };
  }
  if (view === 'decision' && id)
    return { view, id: dec(id), node: sub === 'node' && arg && /^\d+(\.\d+)*$/.test(arg) ? arg : null };
  return { view: 'home' };
}

export function href(r: Route): string {
  const e = encodeURIComponent;
  switch (r.view) {
    case 'home':
      return '#/';
    case 'model':
      return `#/model/${e(r.id)}${r.frame !== null ? `/frame/${e(r.frame)}` : ''}`;
    case 'case':
      return `#/case/${e(r.id)}${r.event !== null ? `/event/${r.event}` : ''}`;
    case 'decision':
      return `#/decision/${e(r.id)}${r.node !== null ? `/node/${r.node}` : ''}`;
  }
}

export const go = (r: Route): void => {
  location.hash = href(r);
};
