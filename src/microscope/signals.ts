// Signals, as pymmcore-plus's runner emits them (sequenceStarted, frameReady, ...): typed
// listeners that can never stop the acquisition (a listener that throws is reported).
export class Signals<M extends Record<string, unknown>> {
  private readonly listeners: { [K in keyof M]?: ((value: M[K]) => void)[] } = {};

  constructor(private readonly onListenerError: (event: string, error: Error) => void) {}

  on<K extends keyof M>(event: K, listener: (value: M[K]) => void): () => void {
    const list = (this.listeners[event] ??= []);
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  emit<K extends keyof M>(event: K, value: M[K]): void {
    for (const listener of this.listeners[event] ?? []) {
      try {
        listener(value);
      } catch (err) {
        this.onListenerError(String(event), err as Error);
      }
    }
  }
}
