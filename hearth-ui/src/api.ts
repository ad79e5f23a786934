// The console's only way to the gateway: the authenticated /v1 REST API (and its Server-Sent Events).

const AUTHORIZATION_KEY = 'hearth.authorization';

export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  error_code?: string;
  field?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

export function storedAuthorization(): string | null {
  return sessionStorage.getItem(AUTHORIZATION_KEY);
}

export function storeAuthorization(header: string | null): void {
  if (header === null) sessionStorage.removeItem(AUTHORIZATION_KEY);
  else sessionStorage.setItem(AUTHORIZATION_KEY, header);
}

export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return `Basic ${btoa(binary)}`;
}

function headers(extra?: HeadersInit): Headers {
  const result = new Headers(extra);
  const authorization = storedAuthorization();
  if (authorization) result.set('Authorization', authorization);
  // tells the gateway not to send WWW-Authenticate on 401, so the browser shows no password dialog of its own
  result.set('X-Requested-With', 'XMLHttpRequest');
  return result;
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, { ...init, headers: headers(init.headers) });
  if (!response.ok) {
    let problem: Problem = { status: response.status, title: response.statusText };
    try {
      problem = await response.json();
    } catch {
      // not problem+json (a proxy's error page): keep the status line
    }
    if (response.status === 401) window.dispatchEvent(new Event('hearth:unauthorized'));
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { headers: { Accept: 'application/json' }, signal });
  return (await response.json()) as T;
}

export async function getText(path: string): Promise<string> {
  return (await send(path, { headers: { Accept: 'text/plain' } })).text();
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

export async function putJson<T>(path: string, body: unknown): Promise<T> {
  const response = await send(path, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const response = await send(path, { method: 'POST', headers: { Accept: 'application/json' }, body: form });
  return (await response.json()) as T;
}

export async function remove(path: string): Promise<void> {
  await send(path, { method: 'DELETE' });
}

/** Downloads a file the API serves: links cannot carry the Authorization header, so fetch it and hand over a blob. */
export async function download(path: string, fileName: string): Promise<void> {
  const blob = await (await send(path)).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ServerSentEvent {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Reads a Server-Sent Events stream with fetch (EventSource cannot send an Authorization header) and calls
 * onEvent for each event until the server ends the stream or signal aborts. Resolves when the stream ends.
 */
export async function readEvents(
  path: string,
  onEvent: (event: ServerSentEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await send(path, { headers: { Accept: 'text/event-stream' }, signal });
  if (!response.body) throw new Error('this browser cannot stream responses');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event: ServerSentEvent = { id: null, event: 'message', data: '' };
  let hasData = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (hasData) onEvent(event);
        event = { id: null, event: 'message', data: '' };
        hasData = false;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') {
        event.data = hasData ? `${event.data}\n${fieldValue}` : fieldValue;
        hasData = true;
      } else if (field === 'event') event.event = fieldValue;
      else if (field === 'id') event.id = fieldValue;
    }
  }
}
