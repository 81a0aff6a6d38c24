/** Limits every entry point shares (the library, the CLI's parent process, its converter children). */

/** Inputs larger than this many bytes are refused (`too-large`) unless the caller raises it. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
