// A form generated from a function's parameters_schema (JSON Schema): strings, integers, numbers, booleans,
// enums and arrays of strings get fields of their own; anything else is entered as JSON.
import { useState } from 'preact/hooks';
import type { JsonSchema } from '../types';

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'string-array' | 'json';

function typesOf(schema: JsonSchema): string[] {
  return (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []).filter((t) => t !== 'null');
}

export function kindOf(schema: JsonSchema): Kind {
  if (schema.enum) return 'enum';
  const types = typesOf(schema);
  if (types.length !== 1) return 'json';
  const type = types[0];
  if (type === 'array') return schema.items && typesOf(schema.items).join() === 'string' && !schema.items.enum ? 'string-array' : 'json';
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') return type;
  return 'json';
}

function label(name: string): string {
  return name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The parameters object for the request: empty optional fields are left out. */
export function parametersOf(schema: JsonSchema, values: Record<string, string | boolean>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const value = values[name];
    const kind = kindOf(property);
    if (kind === 'boolean') {
      if (value !== undefined || required.has(name)) result[name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (text.trim() === '') continue;
    switch (kind) {
      case 'integer':
      case 'number':
        result[name] = Number(text);
        break;
      case 'string-array':
        result[name] = text.split('\n').filter((line) => line.length > 0);
        break;
      case 'json':
        result[name] = JSON.parse(text);
        break;
      case 'enum': {
        const option = property.enum!.find((o) => String(o) === text);
        result[name] = option;
        break;
      }
      case 'string':
        result[name] = text;
        break;
    }
  }
  return result;
}

export function SchemaForm({
  schema,
  errors,
  busy,
  onSubmit,
}: {
  schema: JsonSchema;
  errors: Record<string, string>;
  busy: boolean;
  onSubmit: (parameters: Record<string, unknown>) => void;
}) {
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [jsonError, setJsonError] = useState<string | null>(null);
  const required = new Set(schema.required ?? []);
  const properties = Object.entries(schema.properties ?? {});
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));

  return (
    <form
      class="schema-form"
      aria-label="Parameters"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          setJsonError(null);
          onSubmit(parametersOf(schema, values));
        } catch (x) {
          setJsonError(`A JSON field does not parse: ${(x as Error).message}`);
        }
      }}
    >
      {properties.length === 0 && <p class="muted">This function takes no parameters.</p>}
      {properties.map(([name, property]) => {
        const kind = kindOf(property);
        const id = `param-${name}`;
        const error = errors[`/${name}`];
        const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
        const hint = (
          <span id={`${id}-hint`} class="hint">
            {kind === 'string-array'
              ? 'one value per line'
              : kind === 'json'
                ? 'JSON'
                : kind === 'enum'
                  ? `one of ${property.enum!.map(String).join(', ')}`
                  : typesOf(property).join(' or ')}
            {required.has(name) ? ', required' : ', optional'}
            {property.description ? ` — ${property.description}` : ''}
          </span>
        );
        const common = { id, name, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined };
        let field;
        switch (kind) {
          case 'boolean':
            field = (
              <input {...common} type="checkbox" checked={values[name] === true} onChange={(e) => set(name, e.currentTarget.checked)} />
            );
            break;
          case 'enum':
            field = (
              <select {...common} required={required.has(name)} value={String(values[name] ?? '')} onChange={(e) => set(name, e.currentTarget.value)}>
                <option value="">{required.has(name) ? 'choose…' : '(none)'}</option>
                {property.enum!.map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            );
            break;
          case 'integer':
          case 'number':
            field = (
              <input
                {...common}
                type="number"
                step={kind === 'integer' ? 1 : 'any'}
                required={required.has(name)}
                value={String(values[name] ?? '')}
                onInput={(e) => set(name, e.currentTarget.value)}
              />
            );
            break;
          case 'string':
            field = <input {...common} type="text" required={required.has(name)} value={String(values[name] ?? '')} onInput={(e) => set(name, e.currentTarget.value)} />;
            break;
          default:
            field = (
              <textarea
                {...common}
                rows={3}
                required={required.has(name)}
                value={String(values[name] ?? '')}
                onInput={(e) => set(name, e.currentTarget.value)}
              />
            );
        }
        return (
          <div class={`field field-${kind}`} key={name}>
            <label for={id}>{label(name)}</label>
            {field}
            {hint}
            {error && (
              <span id={`${id}-error`} class="error">
                {error}
              </span>
            )}
          </div>
        );
      })}
      {jsonError && <p class="error" role="alert">{jsonError}</p>}
      <button type="submit" class="primary" disabled={busy}>
        Run job
      </button>
    </form>
  );
}
