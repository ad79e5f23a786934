import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { getJson } from '../api';

/** Reads a JSON resource again whenever `tick` (live events, polling) or the path changes. */
export function useResource<T>(path: string | null, tick = 0) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    getJson<T>(path, abort.signal)
      .then((value) => {
        setData(value);
        setError(null);
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setError(e.message);
      });
    return () => abort.abort();
  }, [path, tick, reload]);
  return { data, error, reload: () => setReload((r) => r + 1) };
}

export interface Column<T> {
  label: string;
  render: (row: T) => ComponentChildren;
}

export function DataTable<T>({
  caption,
  rows,
  columns,
  rowKey,
  empty,
}: {
  caption: string;
  rows: T[] | null;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: string;
}) {
  if (rows === null) return <p class="muted">Loading…</p>;
  if (rows.length === 0) return <p class="muted">{empty}</p>;
  return (
    <div class="table-scroll">
      <table class="list">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.label} data-label={c.label}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Filters({ children }: { children: ComponentChildren }) {
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}

export function StateFilter({
  value,
  states,
  onChange,
}: {
  value: string;
  states: string[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <span class="filter">
      <label for={id}>State</label>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">any</option>
        {states.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </span>
  );
}

export function TextFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <span class="filter">
      <label for={id}>{label}</label>{' '}
      <input id={id} type="search" value={value} onInput={(e) => onChange(e.currentTarget.value)} />
    </span>
  );
}

export function Pre({ text, label }: { text: string | null; label: string }) {
  return (
    <pre class="log" tabIndex={0} aria-label={label}>
      {text ?? 'Loading…'}
    </pre>
  );
}
