import type { PickChoice } from '../lib/onCallPickOptions';
import { ChoiceSelect } from './ChoiceSelect';
import { FieldProblem } from './FieldProblem';

/** PickListProps carry the picks in order, what may be picked, and how the rows are named. */
export interface PickListProps {
  id: string;
  legend: string;
  /** noun names one pick ("target", "participant") in the add button and the empty choice. */
  noun: string;
  /** label names row n (from 1) wherever it is heard alone: "Step 2 target 1". */
  label: (n: number) => string;
  values: readonly string[];
  options: readonly PickChoice[];
  max: number;
  onChange: (values: string[]) => void;
  problem?: string | null;
}

/**
 * PickList is an ordered list of picks (escalation targets, rotation participants), each a labelled select with its own
 * remove button, and a button to add one. A value no option has (an id whose object is gone) is kept and shown as is.
 */
export function PickList({
  id,
  legend,
  noun,
  label,
  values,
  options,
  max,
  onChange,
  problem,
}: PickListProps) {
  const problemId = problem ? `${id}-problem` : undefined;
  return (
    <fieldset
      data-testid={id}
      {...(problemId !== undefined ? { 'aria-invalid': true, 'aria-describedby': problemId } : {})}
    >
      <legend>{legend}</legend>
      {values.map((value, i) => (
        <div
          key={i}
          style={{
            display: 'grid',
            gridTemplateColumns: 'minmax(0, 1fr) auto',
            gap: '0.5rem',
            alignItems: 'end',
            marginBottom: '0.5rem',
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-${i}`}>{label(i + 1)}</label>
            <ChoiceSelect
              control={{ id: `${id}-${i}` }}
              value={value}
              choices={options}
              prompt={`Choose a ${noun}…`}
              onChange={(next) => onChange(values.map((v, j) => (j === i ? next : v)))}
            />
          </div>
          <button
            type="button"
            className="button-quiet"
            onClick={() => onChange(values.filter((_, j) => j !== i))}
          >
            Remove<span className="visually-hidden"> {label(i + 1)}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-quiet"
        data-testid={`${id}-add`}
        disabled={values.length >= max}
        onClick={() => onChange([...values, ''])}
      >
        Add {noun}
      </button>
      {problemId !== undefined ? <FieldProblem id={problemId} message={problem!} /> : null}
    </fieldset>
  );
}
