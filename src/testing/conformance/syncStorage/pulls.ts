import { describe, expect, it } from 'vitest';
import type { Json } from '../../../core/json';
import { createSyncServer } from '../../../server/syncServer';
import { appendIn, eventAt, fresh, type MakeSyncStorage, storageFor } from './fixtures';

/** Data JSON text may get wrong: escapes, non-ASCII, integer-like keys, number forms. */
const awkwardData: Json[] = [
  {
    quote: 'say "hi"\\',
    controls: '\u0000\u0001\b\f\n\r\t\u001f\u007f',
    separators: '\u2028\u2029',
  },
  { 10: 'ten', 2: 'two', b: 'b', a: 'a', nested: [[], {}, [null, true, false, '']] },
  { big: 1e21, small: 1.5e-7, third: 1 / 3, max: Number.MAX_SAFE_INTEGER, negative: -0.5 },
  // Far more UTF-8 bytes than UTF-16 units: the page outgrows a first guess at its size.
  { text: 'é ✓ 🙂 ✓ 漢字'.repeat(300) },
  [],
  'just a string',
];

/** `Noted` was at schema version 1 once: its upcaster marks what it turned into version 2. */
const upcasters = { Noted: { 1: (data: Json) => ({ upcast: data }) } };

export function pullFeatures(makeStorage: MakeSyncStorage) {
  const open = storageFor(makeStorage);

  describe('pulls', () => {
    it('answers a pull by the JSON of what it reads, upcast, however the storage reads it', async () => {
      const storage = await open();
      const scope = fresh('scope');
      const stream = `${fresh('stream')} "ünïcode" \\ ✓`;
      const events = awkwardData.flatMap((data, i) => {
        const [old, current, other] = [
          eventAt(stream, 3 * i + 1),
          eventAt(stream, 3 * i + 2),
          eventAt(stream, 3 * i + 3),
        ];
        return [
          { ...old, id: `${old.id} "quoted" ✓`, data },
          { ...current, data, metadata: { ...current.metadata, schemaVersion: 2 } },
          { ...other, type: 'Other "type" ✓', data },
        ];
      });
      await appendIn(storage, scope, events);
      const server = createSyncServer(storage, { upcasters });
      const last = events.length;
      for (const [after, limit] of [
        [0, 1000],
        [0, 4],
        [5, 7],
        [last - 1, 1],
        [last, 10],
      ] as const) {
        const request = { scope, after, limit };
        const body = new TextDecoder().decode(await server.pullBody(request));
        expect(body).toBe(JSON.stringify(await server.pull(request)));
      }
      const { events: pulled } = await server.pull({ scope, after: 0, limit: 3 });
      expect(pulled.map((event) => event.data)).toEqual([
        { upcast: awkwardData[0] },
        awkwardData[0],
        awkwardData[0],
      ]);
    });
  });
}
