/** FieldProblemProps carry the id a control points at with aria-describedby, and the message. */
export interface FieldProblemProps {
  id: string;
  message: string;
}

/** FieldProblem says, right under a form control, why the api (or the form) refused its value. */
export function FieldProblem({ id, message }: FieldProblemProps) {
  return (
    <p
      id={id}
      className="field-hint"
      data-testid="field-problem"
      style={{ color: 'var(--breach-fg)', fontWeight: 600 }}
    >
      {message}
    </p>
  );
}
