// A value kept per browser in localStorage as JSON. Reading a missing or broken value gives null;
// a write that fails (storage full or blocked) only means the value is not kept across a reload.
type Reader = Pick<Storage, 'getItem'> | undefined;
type Writer = Pick<Storage, 'setItem'> | undefined;

export function readKept(key: string, storage: Reader = globalThis.localStorage): unknown {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null') as unknown;
  } catch {
    return null;
  }
}

export function writeKept(key: string, value: unknown, storage: Writer = globalThis.localStorage): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // not kept: the default comes back on reload, nothing else is lost
  }
}
