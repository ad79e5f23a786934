// A result as a table that scrolls over all its rows but fetches only the chunks in view (the manifest
// says which rows each chunk holds), keeping a few chunks cached: never the whole result.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { download, getJson } from '../api';
import { formatBytes, formatCell } from '../format';
import type { Chunk, Manifest, Statement } from '../types';

const ROW_HEIGHT = 28;
const VIEW_ROWS = 14;
const OVERSCAN = 10;
const CACHED_CHUNKS = 8;

interface Props {
  /** `/v1/statements/{id}` or `/v1/jobs/{id}`: chunks are under `{base}/result/chunks/{n}` */
  base: string;
  manifest: Manifest;
  /** the first chunk, when the answer carried it inline */
  inline?: Chunk | null;
  fileStem: string;
}

/** A statement's result table once it has SUCCEEDED with a result; nothing before that. */
export function StatementResult({ statement }: { statement: Statement }) {
  if (statement.status.state !== 'SUCCEEDED' || !statement.manifest) return null;
  return (
    <ResultTable
      key={statement.statement_id}
      base={`/v1/statements/${statement.statement_id}`}
      manifest={statement.manifest}
      inline={statement.result}
      fileStem={`statement-${statement.statement_id.slice(0, 8)}`}
    />
  );
}

export function ResultTable({ base, manifest, inline, fileStem }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [firstRow, setFirstRow] = useState(0);
  const [chunks, setChunks] = useState<Map<number, unknown[][]>>(
    () => new Map(inline ? [[inline.chunk_index, inline.data_array]] : []),
  );
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(new Set<number>());
  const total = manifest.total_row_count;
  const columns = manifest.schema.columns;
  const lastRow = Math.min(total, firstRow + VIEW_ROWS + OVERSCAN);
  const startRow = Math.max(0, firstRow - OVERSCAN);

  const needed = useMemo(
    () =>
      manifest.chunks
        .filter((c) => c.row_offset < lastRow && c.row_offset + c.row_count > startRow)
        .map((c) => c.chunk_index),
    [manifest, startRow, lastRow],
  );

  useEffect(() => {
    for (const index of needed) {
      if (chunks.has(index) || loading.current.has(index)) continue;
      loading.current.add(index);
      getJson<Chunk>(`${base}/result/chunks/${index}?format=JSON_ARRAY`)
        .then((chunk) =>
          setChunks((current) => {
            const next = new Map(current);
            next.set(index, chunk.data_array);
            // keep the chunks in view and the most recent others
            for (const key of next.keys()) {
              if (next.size <= CACHED_CHUNKS) break;
              if (!needed.includes(key)) next.delete(key);
            }
            return next;
          }),
        )
        .catch((e: Error) => setError(`chunk ${index}: ${e.message}`))
        .finally(() => loading.current.delete(index));
    }
  }, [needed, base]);

  function row(index: number): unknown[] | undefined {
    const chunk = manifest.chunks.find((c) => index >= c.row_offset && index < c.row_offset + c.row_count);
    return chunk && chunks.get(chunk.chunk_index)?.[index - chunk.row_offset];
  }

  const rows = [];
  for (let index = startRow; index < lastRow; index++) {
    const values = row(index);
    rows.push(
      <tr key={index} aria-rowindex={index + 2}>
        <th scope="row" class="rownum">
          {index + 1}
        </th>
        {values
          ? values.map((value, i) => (
              <td key={i} class={value === null ? 'null' : undefined} title={formatCell(value)}>
                {formatCell(value)}
              </td>
            ))
          : columns.map((_, i) => (
              <td key={i} class="pending">
                …
              </td>
            ))}
      </tr>,
    );
  }

  return (
    <section class="result" aria-label="Result">
      <div class="result-bar">
        <p aria-live="polite">
          {total === 0
            ? 'No rows.'
            : `Rows ${Math.min(total, firstRow + 1)}–${Math.min(total, firstRow + VIEW_ROWS)} of ${total}`}
          {manifest.truncated && <strong> (truncated)</strong>}
          <span class="muted">
            {' '}
            · {manifest.total_chunk_count} chunk{manifest.total_chunk_count === 1 ? '' : 's'} ·{' '}
            {formatBytes(manifest.total_byte_count)}
          </span>
        </p>
        <Downloads base={base} manifest={manifest} fileStem={fileStem} />
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div
        class="table-viewport"
        ref={viewport}
        tabIndex={0}
        aria-label={`Result rows, ${total} in all; scroll to read more`}
        style={{ height: `${(VIEW_ROWS + 1) * ROW_HEIGHT + 2}px` }}
        onScroll={(e) => setFirstRow(Math.round((e.currentTarget as HTMLDivElement).scrollTop / ROW_HEIGHT))}
      >
        <table class="grid" aria-rowcount={total + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" class="rownum">
                #
              </th>
              {columns.map((column) => (
                <th scope="col" key={column.name} title={column.type}>
                  {column.name} <span class="type">{column.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr class="spacer" aria-hidden="true" style={{ height: `${startRow * ROW_HEIGHT}px` }} />
            {rows}
            <tr class="spacer" aria-hidden="true" style={{ height: `${(total - lastRow) * ROW_HEIGHT}px` }} />
          </tbody>
        </table>
      </div>
    </section>
  );
}

const FORMATS = [
  { value: 'CSV', label: 'CSV', extension: 'csv' },
  { value: 'JSON_ARRAY', label: 'JSON', extension: 'json' },
  { value: 'ARROW_STREAM', label: 'Arrow stream', extension: 'arrows' },
];

function Downloads({ base, manifest, fileStem }: { base: string; manifest: Manifest; fileStem: string }) {
  const [format, setFormat] = useState('CSV');
  const [chunk, setChunk] = useState(0);
  const [error, setError] = useState<string | null>(null);
  if (manifest.total_chunk_count === 0) return null;
  const extension = FORMATS.find((f) => f.value === format)!.extension;
  return (
    <form
      class="downloads"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        download(
          `${base}/result/chunks/${chunk}?format=${format}`,
          `${fileStem}-chunk${chunk}.${extension}`,
        ).catch((x: Error) => setError(x.message));
      }}
    >
      <label for="download-chunk">Chunk</label>
        <select id="download-chunk" value={chunk} onChange={(e) => setChunk(Number(e.currentTarget.value))}>
          {manifest.chunks.map((c) => (
            <option key={c.chunk_index} value={c.chunk_index}>
              {c.chunk_index} (rows {c.row_offset + 1}–{c.row_offset + c.row_count})
            </option>
          ))}
        </select>
      <label for="download-format">Format</label>
        <select id="download-format" value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      <button type="submit">Download</button>
      {error && <span role="alert" class="error">{error}</span>}
    </form>
  );
}
