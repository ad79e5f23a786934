import { DataTable, useResource } from '../components/Lists';
import { ErrorNote } from '../components/Status';

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
  acl: { use: string[]; manage: string[] };
}

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
          { label: 'Name', render: (c) => <strong>{c.name}</strong> },
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
                  <pre class="json">{Object.entries(c.spark_conf).map(([k, v]) => `${k}=${v}`).join('\n')}</pre>
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
