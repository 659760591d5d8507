/**
 * ShutdownStack collects what a service opened during start-up and closes it in reverse order. One stuck or
 * failing resource never keeps the others open, and closing twice is harmless.
 */
export class ShutdownStack {
  private readonly closers: (() => unknown)[] = [];

  /** push registers one resource's close function. */
  push(close: () => unknown): void {
    this.closers.push(close);
  }

  /** closeAll closes everything registered, newest first, and forgets it. */
  async closeAll(): Promise<void> {
    while (this.closers.length > 0) {
      const close = this.closers.pop()!;
      try {
        await close();
      } catch {
        // Shutdown continues past a failing resource.
      }
    }
  }
}
