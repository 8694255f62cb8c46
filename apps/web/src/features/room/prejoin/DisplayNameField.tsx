import { useId } from 'react';

export interface DisplayNameFieldProps {
  label: string;
  value: string;
  onChange: (name: string) => void;
  testId: string;
}

/**
 * The name the others see, with the same limits wherever it is typed (the guest entry, the
 * pre-join). A label and an input side by side, as the form's other fields.
 */
export function DisplayNameField({ label, value, onChange, testId }: DisplayNameFieldProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        required
        maxLength={64}
        autoComplete="nickname"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
    </>
  );
}
