// The SQL text box of the editor and of a session's page: Ctrl+Enter (⌘+Enter) runs what it holds.
import type { Ref } from 'preact';

interface Props {
  id: string;
  value: string;
  onChange: (sql: string) => void;
  onRun: () => void;
  rows: number;
  /** the id of the hint that says how to run it */
  describedBy: string;
  placeholder?: string;
  inputRef?: Ref<HTMLTextAreaElement>;
}

export function SqlInput({ id, value, onChange, onRun, rows, describedBy, placeholder, inputRef }: Props) {
  return (
    <textarea
      id={id}
      ref={inputRef}
      value={value}
      spellcheck={false}
      rows={rows}
      aria-describedby={describedBy}
      placeholder={placeholder}
      onInput={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onRun();
        }
      }}
    />
  );
}
