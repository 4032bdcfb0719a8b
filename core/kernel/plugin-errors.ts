// Errors the plugin host raises. Each names the plugin(s) involved in its message, since
// that message is what an operator sees on stderr when the controller refuses to start.

export class PluginDependencyError extends Error {
  override readonly name = 'PluginDependencyError';
  constructor(
    message: string,
    /** For a cycle, the plugins in it with the first repeated at the end: a → b → a. */
    readonly cycle: readonly string[] | undefined,
    /** For missing dependencies, each [plugin, dependency] pair. */
    readonly missing: ReadonlyArray<readonly [string, string]>,
  ) {
    super(message);
  }
}

/** A required plugin failed to start, so the host stopped everything it had started. */
export class PluginStartError extends Error {
  override readonly name = 'PluginStartError';
  constructor(
    readonly plugin: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`required plugin ${plugin} failed to start: ${reason}`, options);
  }
}

/** A run-time request (enable/disable/reload) that cannot be honoured as asked. */
export class PluginOperationError extends Error {
  override readonly name = 'PluginOperationError';
  constructor(
    readonly plugin: string,
    message: string,
  ) {
    super(message);
  }
}
