/** FormSubmitRowProps carry the form-level problem, whether a save is under way, and the button's words. */
export interface FormSubmitRowProps {
  testId: string;
  problem: string | null;
  sending: boolean;
  label: string;
  sendingLabel: string;
}

/**
 * FormSubmitRow ends a form: a live region that announces why a save was refused (always in the page, so screen
 * readers follow it before anything is said) and the submit button, disabled while a save is under way.
 */
export function FormSubmitRow({ testId, problem, sending, label, sendingLabel }: FormSubmitRowProps) {
  return (
    <>
      <div className={problem !== null ? 'alert' : undefined} role="alert" data-testid={`${testId}-problem`}>
        {problem === null ? '' : `Not saved: ${problem}`}
      </div>
      <div>
        <button type="submit" className="button-primary" data-testid={`${testId}-submit`} disabled={sending}>
          {sending ? sendingLabel : label}
        </button>
      </div>
    </>
  );
}
