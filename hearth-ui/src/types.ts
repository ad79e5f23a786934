// The REST API's JSON, as docs/api.md and docs/events.md describe it (snake_case, as on the wire).

export interface Identity {
  user: string;
  groups: string[];
  admin: boolean;
}

export interface Progress {
  stages_completed: number;
  stages_total: number;
  tasks_completed: number;
  tasks_total: number;
  message: string | null;
}

export interface StatusError {
  error_code: string;
  message: string;
  sql_state?: string | null;
}

export interface Status {
  state: string;
  error: StatusError | null;
  progress?: Progress | null;
}

export interface Column {
  name: string;
  type: string;
  position: number;
  nullable: boolean;
}

export interface ChunkInfo {
  chunk_index: number;
  row_offset: number;
  row_count: number;
  byte_count: number;
}

export interface Manifest {
  format: string;
  schema: { columns: Column[] };
  total_row_count: number;
  total_chunk_count: number;
  total_byte_count: number;
  truncated: boolean;
  chunks: ChunkInfo[];
}

export interface Chunk {
  chunk_index: number;
  row_offset: number;
  row_count: number;
  data_array: unknown[][];
}

export interface Statement {
  statement_id: string;
  status: Status;
  manifest?: Manifest | null;
  result?: Chunk | null;
  session_id?: string | null;
}

export interface StatementSummary {
  statement_id: string;
  state: string;
  statement: string;
  owner: string;
  created_at: string;
  finished_at: string | null;
  total_row_count: number | null;
  error: StatusError | null;
  session_id: string | null;
}

export interface Session {
  session_id: string;
  owner: string;
  state: string;
  context: string;
  conf: Record<string, string>;
  engine_id: string | null;
  created_at: string;
  last_used_at: string | null;
  closed_at: string | null;
  close_reason: string | null;
  statement_count: number | null;
  last_statement_id: string | null;
}

export interface Job {
  job_id: string;
  function: string;
  parameters: Record<string, unknown>;
  status: Status;
  value?: unknown;
  manifest?: Manifest | null;
  result?: Chunk | null;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  description?: string;
  default?: unknown;
}

export interface FunctionInfo {
  name: string;
  artifact_id: string;
  class_name: string;
  context: string;
  owner: string;
  created_at: string;
  result_type: string;
  parameters_schema: JsonSchema;
}

export interface PoolStatus {
  queue_length: number;
  admitted: number;
  queue_max_size: number;
  max_total: number;
  engines: Record<string, number>;
  sampled_at: string;
}

export interface Engine {
  engine_id: string;
  state: string;
  pid: number | null;
  share_key: string;
  context: string | null;
  share_level: string | null;
  subject: string | null;
  user: string | null;
  started_at: string | null;
  last_used_at: string | null;
  spark_ui_url: string | null;
  running_statements: number;
  max_concurrent: number;
  open_sessions: number;
  error: string | null;
}

export interface HearthEvent {
  version: number;
  sequence: number;
  type: string;
  kind: string;
  id: string;
  owner: string;
  external_id: string | null;
  time: string;
  data: Record<string, unknown>;
}

export const TERMINAL_STATES = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED', 'KILLED', 'STOPPED']);
