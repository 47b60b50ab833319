/**
 * How far this client's mutations have reached Replicache's IndexedDB. Replicache 15 has no public
 * "persisted" signal: it copies its in-memory cache to IndexedDB in a background task (about a
 * second after writes go idle), and a reload only finds what that task wrote. The client group
 * record it persists holds, per client, the last mutation id it includes, so reading it is the
 * ground truth. Format 7 of its store: object store `chunks`, head `h/client-groups` -> hash,
 * chunk data `c/<hash>/d` -> { [clientGroupID]: { mutationIDs: { [clientID]: number } } }.
 */

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function openReplicacheIDB(idbName: string): Promise<IDBDatabase> {
  const db = await request(indexedDB.open(idbName));
  db.onversionchange = () => db.close();
  return db;
}

interface ClientGroupRecord {
  mutationIDs?: Record<string, number>;
}

export async function persistedMutationID(
  db: IDBDatabase,
  clientGroupID: string,
  clientID: string,
): Promise<number> {
  const chunks = db.transaction('chunks', 'readonly').objectStore('chunks');
  const hash = (await request(chunks.get('h/client-groups'))) as string | undefined;
  if (hash === undefined) return 0;
  const groups = (await request(chunks.get(`c/${hash}/d`))) as
    | Record<string, ClientGroupRecord>
    | undefined;
  return groups?.[clientGroupID]?.mutationIDs?.[clientID] ?? 0;
}
