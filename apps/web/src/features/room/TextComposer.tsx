import { useId, useState, type FormEvent, type ReactNode } from 'react';

/**
 * A text field and its send button, for the chat and the Q&A. `onSend` gets the trimmed text
 * and resolves true once it went (the field empties) or false when it failed (the text stays,
 * and the caller says why, e.g. in `children` under the button); no second send while one is
 * on its way, none of an empty text.
 */
export function TextComposer(props: {
  className: string;
  /** The field's label (for screen readers) and its placeholder. */
  label: string;
  placeholder: string;
  maxLength: number;
  /** A textarea of this many rows; a one-line input without. */
  rows?: number;
  /** The send button's icon and text. */
  icon: ReactNode;
  sendLabel: string;
  testIds: { input: string; send: string };
  onSend: (text: string) => Promise<boolean>;
  children?: ReactNode;
}) {
  const inputId = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = text.trim();
    if (body === '' || sending) return;
    setSending(true);
    try {
      if (await props.onSend(body)) setText('');
    } finally {
      setSending(false);
    }
  };
  const field = {
    id: inputId,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    value: text,
    'data-testid': props.testIds.input,
  };

  return (
    <form className={props.className} onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId} className="visually-hidden">
        {props.label}
      </label>
      {props.rows ? (
        <textarea {...field} rows={props.rows} onChange={(event) => setText(event.target.value)} />
      ) : (
        <input
          {...field}
          type="text"
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
      )}
      <button
        type="submit"
        className="primary"
        disabled={sending || text.trim() === ''}
        data-testid={props.testIds.send}
      >
        {props.icon}
        {props.sendLabel}
      </button>
      {props.children}
    </form>
  );
}
