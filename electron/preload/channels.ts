/** IPC channel names shared by the preload script and the main process. */
export const INVOKE_CHANNEL = 'samrad:invoke';
export const EVENT_CHANNEL = 'samrad:event';
