const timeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

export function formatTime(epochMs: number): string {
  return timeFormat.format(new Date(epochMs));
}
