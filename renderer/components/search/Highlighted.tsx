import type { SearchHit } from '../../../shared/contract/search';

/** Text with the search's matches marked (<mark>), from the offsets the backend sends: never HTML from the data. */
export function Highlighted({ text, ranges }: { text: string; ranges: SearchHit['highlights'] }) {
  const parts: Array<{ text: string; hit: boolean }> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), hit: false });
    parts.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
