import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, putJson, remove } from '../api';
import { DataTable, useResource } from '../components/Lists';
import { ErrorNote } from '../components/Status';
import { formatTime } from '../format';
import { href, navigate } from '../router';
import type { Identity } from '../types';

interface Context {
  name: string;
  share_level: string;
  master: string;
  driver_memory: string;
  spark_conf: Record<string, string>;
  jars: string[];
  min_idle: number;
  max_engines: number;
  idle_timeout: string;
  max_concurrent_per_engine: number;
  start_timeout: string;
  source: string;
  created_by: string | null;
  created_at: string | null;
  updated_at: string | null;
  acl: { use: string[]; manage: string[] };
  /** Fields the definition leaves to the gateway's defaults (their values above are those defaults). */
  inherited?: string[];
}

const SHARE_LEVELS = ['CONNECTION', 'USER', 'GROUP', 'SERVER'];

export function ContextsPage() {
  const { data, error } = useResource<{ contexts: Context[] }>('/v1/contexts');
  return (
    <section aria-labelledby="title">
      <h1 id="title">Contexts</h1>
      <p class="muted">Named engine configurations you may use; <code>default</code> comes from the gateway's configuration.</p>
      <ErrorNote error={error} />
      <DataTable
        caption="Contexts"
        rows={data?.contexts ?? null}
        rowKey={(c) => c.name}
        empty="No contexts."
        columns={[
          {
            label: 'Name',
            render: (c) => (
              <a href={href(`contexts/${c.name}`)}>
                <strong>{c.name}</strong>
              </a>
            ),
          },
          { label: 'Share level', render: (c) => c.share_level },
          { label: 'Master', render: (c) => <code>{c.master}</code> },
          { label: 'Driver memory', render: (c) => c.driver_memory ?? '—' },
          { label: 'Engines', render: (c) => `min idle ${c.min_idle}, max ${c.max_engines}` },
          { label: 'Idle timeout', render: (c) => c.idle_timeout },
          {
            label: 'Spark conf',
            render: (c) =>
              Object.keys(c.spark_conf ?? {}).length ? (
                <details>
                  <summary>{Object.keys(c.spark_conf).length} keys</summary>
                  <pre class="json">{confText(c.spark_conf)}</pre>
                </details>
              ) : (
                '—'
              ),
          },
          { label: 'Use / manage', render: (c) => `${c.acl?.use?.join(', ') ?? '—'} / ${c.acl?.manage?.join(', ') ?? '—'}` },
        ]}
      />
    </section>
  );
}

function confText(conf: Record<string, string>): string {
  return Object.entries(conf)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Whether the ACL lets this user change the context (admins always may; the configured one nobody may). */
function mayManage(me: Identity, context: Context): boolean {
  if (context.source === 'configuration') return false;
  if (me.admin) return true;
  return (context.acl?.manage ?? []).some(
    (entry) => entry === '*' || entry === me.user || (entry.startsWith('group:') && me.groups.includes(entry.slice(6))),
  );
}

export function ContextDetail({ me, name }: { me: Identity; name: string }) {
  const { data: context, error, reload } = useResource<Context>(`/v1/contexts/${encodeURIComponent(name)}`);
  return (
    <section aria-labelledby="title">
      <h1 id="title">
        Context <code>{name}</code>
      </h1>
      <ErrorNote error={error} />
      {context && (
        <>
          <dl class="facts" data-testid="context-facts">
            <dt>Share level</dt>
            <dd>{context.share_level}</dd>
            <dt>Master</dt>
            <dd>
              <code>{context.master}</code>
            </dd>
            <dt>Driver memory</dt>
            <dd>{context.driver_memory ?? '—'}</dd>
            <dt>Engines</dt>
            <dd>
              min idle {context.min_idle}, max {context.max_engines}, {context.max_concurrent_per_engine} statements at
              once on each
            </dd>
            <dt>Idle timeout</dt>
            <dd>{context.idle_timeout}</dd>
            <dt>Start timeout</dt>
            <dd>{context.start_timeout}</dd>
            <dt>Spark conf</dt>
            <dd>{Object.keys(context.spark_conf ?? {}).length ? <pre class="json">{confText(context.spark_conf)}</pre> : '—'}</dd>
            <dt>Jars</dt>
            <dd>{context.jars?.length ? context.jars.map((j) => <code key={j}>{j} </code>) : '—'}</dd>
            <dt>Used by</dt>
            <dd>{context.acl?.use?.join(', ') || '—'}</dd>
            <dt>Changed by</dt>
            <dd>{context.acl?.manage?.join(', ') || (context.source === 'configuration' ? 'nobody (configured)' : '—')}</dd>
            <dt>Source</dt>
            <dd>
              {context.source === 'configuration'
                ? "the gateway's configuration (read-only here)"
                : `made by ${context.created_by ?? '—'} ${formatTime(context.created_at)}, changed ${formatTime(context.updated_at)}`}
            </dd>
          </dl>
          {mayManage(me, context) ? (
            <ContextForm context={context} onSaved={reload} />
          ) : (
            <p class="muted">You may use this context but not change it.</p>
          )}
        </>
      )}
    </section>
  );
}

type Fields = Record<string, string>;

function fieldsOf(c: Context): Fields {
  return {
    share_level: c.share_level,
    master: c.master ?? '',
    driver_memory: c.driver_memory ?? '',
    min_idle: String(c.min_idle),
    max_engines: String(c.max_engines),
    max_concurrent_per_engine: String(c.max_concurrent_per_engine),
    idle_timeout: c.idle_timeout,
    start_timeout: c.start_timeout,
    spark_conf: confText(c.spark_conf ?? {}),
    jars: (c.jars ?? []).join('\n'),
    use: (c.acl?.use ?? []).join(', '),
    manage: (c.acl?.manage ?? []).join(', '),
  };
}

const LABELS: [keyof ReturnType<typeof fieldsOf>, string, string][] = [
  ['master', 'Master', 'local[*], spark://host:7077, yarn, …'],
  ['driver_memory', 'Driver memory', 'the engine JVM heap, e.g. 4g'],
  ['min_idle', 'Warm engines (min idle)', 'engines kept started for the next user'],
  ['max_engines', 'Most engines', 'at most engine.max-total'],
  ['max_concurrent_per_engine', 'Statements at once per engine', '1 to 1000'],
  ['idle_timeout', 'Idle timeout', 'e.g. 30m'],
  ['start_timeout', 'Start timeout', 'how long work may wait for an engine, e.g. 2m'],
  ['spark_conf', 'Spark conf', 'one key=value per line'],
  ['jars', 'Jars', 'artifact ids, one per line'],
  ['use', 'Used by', 'users, group:<name> or *, comma-separated'],
  ['manage', 'Changed by', 'users, group:<name> or *, comma-separated'],
];

function ContextForm({ context, onSaved }: { context: Context; onSaved: () => void }) {
  const [fields, setFields] = useState<Fields>(() => fieldsOf(context));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the fields follow the context when it changes (a save, then the reload), never at mount: an effect
  // that always reset them ran after the first paint and could wipe what was typed in the meantime
  const shown = useRef(context.updated_at);
  useEffect(() => {
    if (shown.current !== context.updated_at) {
      shown.current = context.updated_at;
      setFields(fieldsOf(context));
    }
  }, [context.updated_at]);
  const set = (key: string, value: string) => setFields((f) => ({ ...f, [key]: value }));

  function body() {
    const conf: Record<string, string> = {};
    for (const line of fields.spark_conf.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const equals = line.indexOf('=');
      conf[equals < 0 ? line : line.slice(0, equals).trim()] = equals < 0 ? '' : line.slice(equals + 1).trim();
    }
    const number = (text: string) => (text.trim() === '' ? null : Number(text));
    // a field left to the gateway's defaults and not changed here stays unset, so it keeps following them
    const loaded = fieldsOf(context);
    const inherited = new Set(context.inherited ?? []);
    const kept = <T,>(key: string, value: T): T | null =>
      inherited.has(key) && fields[key] === loaded[key] ? null : value;
    return {
      name: context.name,
      share_level: kept('share_level', fields.share_level),
      master: kept('master', fields.master.trim() || null),
      driver_memory: kept('driver_memory', fields.driver_memory.trim() || null),
      spark_conf: conf,
      jars: lines(fields.jars),
      min_idle: kept('min_idle', number(fields.min_idle)),
      max_engines: kept('max_engines', number(fields.max_engines)),
      max_concurrent_per_engine: kept('max_concurrent_per_engine', number(fields.max_concurrent_per_engine)),
      idle_timeout: kept('idle_timeout', fields.idle_timeout.trim() || null),
      start_timeout: kept('start_timeout', fields.start_timeout.trim() || null),
      acl: { use: lines(fields.use), manage: lines(fields.manage) },
    };
  }

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    setErrors({});
    try {
      await putJson(`/v1/contexts/${encodeURIComponent(context.name)}`, body());
      setMessage('Saved. Engines already started keep their conf; idle warm ones are replaced.');
      onSaved();
    } catch (x) {
      const problem = x instanceof ApiError ? x.problem : null;
      const byField: Record<string, string> = {};
      for (const p of problem?.errors ?? (problem?.field ? [{ field: problem.field, message: problem.detail ?? '' }] : [])) {
        // acl.use, spark_conf.<key>: shown by the field they belong to
        const key = p.field.startsWith('acl.') ? p.field.slice(4) : p.field.split(/[.[]/)[0];
        byField[key] = byField[key] ? `${byField[key]}; ${p.message}` : p.message;
      }
      setErrors(byField);
      setMessage((x as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function drop() {
    if (!confirm(`Delete context ${context.name}? Its idle engines stop.`)) return;
    try {
      await remove(`/v1/contexts/${encodeURIComponent(context.name)}`);
      navigate('contexts');
    } catch (x) {
      setMessage((x as Error).message);
    }
  }

  const known = new Set(['share_level', ...LABELS.map(([key]) => key)]);
  const other = Object.entries(errors).filter(([key]) => !known.has(key));
  return (
    <form class="schema-form" aria-labelledby="edit-title" onSubmit={save}>
      <h2 id="edit-title">Change it</h2>
      <div class="field">
        <label for="ctx-share_level">Share level</label>
        <select
          id="ctx-share_level"
          value={fields.share_level}
          aria-invalid={errors.share_level ? true : undefined}
          aria-describedby={errors.share_level ? 'ctx-share_level-error' : undefined}
          onChange={(e) => set('share_level', e.currentTarget.value)}
        >
          {SHARE_LEVELS.map((level) => (
            <option key={level}>{level}</option>
          ))}
        </select>
        {errors.share_level && (
          <span id="ctx-share_level-error" class="error">
            {errors.share_level}
          </span>
        )}
      </div>
      {LABELS.map(([key, label, hint]) => {
        const id = `ctx-${key}`;
        const multiline = key === 'spark_conf' || key === 'jars';
        const common = {
          id,
          value: fields[key],
          'aria-invalid': errors[key] ? true : undefined,
          'aria-describedby': `${id}-hint${errors[key] ? ` ${id}-error` : ''}`,
          onInput: (e: Event) => set(key, (e.currentTarget as HTMLInputElement).value),
        };
        return (
          <div class="field" key={key}>
            <label for={id}>{label}</label>
            {multiline ? <textarea {...common} rows={3} spellcheck={false} /> : <input {...common} type="text" />}
            <span id={`${id}-hint`} class="hint">
              {hint}
              {(context.inherited ?? []).includes(key) && fields[key] === fieldsOf(context)[key]
                ? ' · the gateway’s default (follows it until changed here)'
                : ''}
            </span>
            {errors[key] && (
              <span id={`${id}-error`} class="error" data-testid={`error-${key}`}>
                {errors[key]}
              </span>
            )}
          </div>
        );
      })}
      {other.map(([key, text]) => (
        <p class="error" key={key}>
          {key}: {text}
        </p>
      ))}
      {message && (
        <p role="status" class="note">
          {message}
        </p>
      )}
      <div class="toolbar">
        <button type="submit" class="primary" disabled={busy}>
          Save
        </button>
        <button type="button" class="danger" onClick={drop}>
          Delete context
        </button>
      </div>
    </form>
  );
}
