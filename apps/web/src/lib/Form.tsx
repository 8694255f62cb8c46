import { useId } from 'react';
import type { FormEvent, InputHTMLAttributes, ReactNode } from 'react';

/**
 * A form with its failure message and its submit button: the scaffolding every form of the app
 * shares (sign-in, register, guest entry, create session). Pairs with `useFormSubmit`.
 */
export function Form({
  onSubmit,
  busy = false,
  error,
  submitLabel,
  submitTestId,
  primary = true,
  className = 'form',
  children,
}: {
  onSubmit: (event: FormEvent) => void;
  busy?: boolean;
  error: string | undefined;
  submitLabel: string;
  submitTestId: string;
  /** The submit is the page's main action (drawn as such). */
  primary?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} className={className}>
      {children}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button
        type="submit"
        className={primary ? 'primary' : undefined}
        disabled={busy}
        data-testid={submitTestId}
      >
        {submitLabel}
      </button>
    </form>
  );
}

/** A labelled input, with an optional hint the input is described by. */
export function TextField({
  label,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  const hintId = useId();
  return (
    <label>
      {label}
      <input {...input} aria-describedby={hint ? hintId : undefined} />
      {hint && <small id={hintId}>{hint}</small>}
    </label>
  );
}

/** One choice of a `ChoiceGroup`. */
export interface Choice<T> {
  value: T;
  label: string;
  testId?: string;
}

/** A fieldset of radio buttons for one value; `children` come after the choices. */
export function ChoiceGroup<T extends string | boolean>({
  legend,
  name,
  value,
  choices,
  onChange,
  children,
}: {
  legend: string;
  name: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={String(choice.value)} className="choice">
          <input
            type="radio"
            name={name}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
            data-testid={choice.testId}
          />
          {choice.label}
        </label>
      ))}
      {children}
    </fieldset>
  );
}

/** One option of a `SelectField`. */
export interface SelectOption {
  value: string;
  label: string;
  /** The option's language, when its label is in one of its own (language names). */
  lang?: string;
}

/** A labelled drop-down list in a `div` of `className`. */
export function SelectField({
  label,
  value,
  options,
  onChange,
  className,
}: {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  className: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
