import type { ExportPage } from 'logbook';

/** Pages through an export, so neither side holds more than a page of events at a time. */
export async function collectExport(
  exportPage: (options: { after: number; limit: number }) => Promise<ExportPage>,
  pageSize = 1000,
): Promise<Blob> {
  const parts: string[] = [];
  for (let after = 0, hasMore = true; hasMore; ) {
    const page = await exportPage({ after, limit: pageSize });
    parts.push(page.ndjson);
    ({ lastPosition: after, hasMore } = page);
  }
  return new Blob(parts, { type: 'application/x-ndjson' });
}

/** Saves a blob as a file through a temporary link, as browsers download. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
