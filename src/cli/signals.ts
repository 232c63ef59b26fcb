/** The signal that cancelled a run, if any; decides between exit 130 and 143. */
export interface Cancellation {
  signal: AbortSignal;
  /** 'SIGINT' | 'SIGTERM' once one arrived. */
  readonly received: 'SIGINT' | 'SIGTERM' | null;
  dispose(): void;
}

/**
 * Turn SIGINT/SIGTERM into an AbortSignal so the run can stop kiro-cli's group and clean up before exiting.
 * A second signal forces: exit at once (exit hooks still SIGKILL live kiro-cli groups and remove profiles).
 */
export function trapSignals(onFirst?: (signal: 'SIGINT' | 'SIGTERM') => void): Cancellation {
  const controller = new AbortController();
  let received: 'SIGINT' | 'SIGTERM' | null = null;
  const handler = (signal: 'SIGINT' | 'SIGTERM'): void => {
    if (received) {
      process.exit(signal === 'SIGTERM' ? 143 : 130);
    }
    received = signal;
    onFirst?.(signal);
    controller.abort(signal);
  };
  const onInt = (): void => handler('SIGINT');
  const onTerm = (): void => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
