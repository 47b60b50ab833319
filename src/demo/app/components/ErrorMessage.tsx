import { isLogbookError } from 'logbook';

/** Says why a command failed in words a shopper understands: the rule's reason, or the bad field. */
export function describeError(error: Error): string {
  if (isLogbookError(error, 'CommandRejectedError')) return error.reason;
  if (isLogbookError(error, 'ValidationError')) {
    const field = error.field.replace(/^data\./, '');
    return `Please check the ${field}: ${error.reason.replace(/^Invalid input: /, '')}`;
  }
  return error.message;
}

export function ErrorMessage({ error, onDismiss }: { error: Error | null; onDismiss: () => void }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      <span>{describeError(error)}</span>
      <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
