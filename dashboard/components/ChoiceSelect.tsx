import type { PickChoice } from '../lib/onCallPickOptions';
import type { FieldControlProps } from './FormField';

/** ChoiceSelectProps carry the control's naming props, the picked value, the choices and a prompt for none. */
export interface ChoiceSelectProps {
  control: FieldControlProps;
  value: string;
  choices: readonly PickChoice[];
  prompt: string;
  onChange: (value: string) => void;
}

/**
 * ChoiceSelect picks one of the choices, grouped under their headings. A value no choice has (an id whose object is
 * gone, or one the viewer cannot list) is kept and shown as is, so saving never drops it unasked.
 */
export function ChoiceSelect({ control, value, choices, prompt, onChange }: ChoiceSelectProps) {
  const known = value === '' || choices.some((o) => o.value === value);
  const groups = [...new Set(choices.map((o) => o.group ?? ''))];
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{prompt}</option>
      {known ? null : <option value={value}>{value} (unknown)</option>}
      {groups.map((g) => {
        const list = choices
          .filter((o) => (o.group ?? '') === g)
          .map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ));
        return g === '' ? (
          list
        ) : (
          <optgroup key={g} label={g}>
            {list}
          </optgroup>
        );
      })}
    </select>
  );
}
